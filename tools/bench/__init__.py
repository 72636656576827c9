"""The benchmark: the program's scale (a million records) measured in one run on this machine.

    python -m tools.bench [--rows N] [--repeat K] [--json] [--workdir DIR]

(`python -m analytics bench ...`, the older form, runs this same command.) `run.py` measures, `pandas_twin.py`
computes the same figures the pandas way (for the speed-up and to check both agree), `exports.py` generates
the realistic Vietnamese export files it measures on.
"""
