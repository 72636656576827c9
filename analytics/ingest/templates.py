"""The template files offered on the Data page (canonical headers and one example row, as CSV and as a
workbook) and the help table of every header the importer recognises.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from analytics.export import to_csv_bytes, to_xlsx_bytes
from analytics.i18n import Lang, t
from analytics.ingest.columns import FIELDS
from analytics.ingest.model import field_label

if TYPE_CHECKING:  # annotations only: pandas is loaded where a DataFrame is made
    import pandas as pd

TEMPLATE_FIELDS: tuple[str, ...] = (
    "code", "title", "authors", "author_count", "unit", "field", "status", "level", "registered_on",
    "recognized_on", "applied_on", "benefit_vnd", "reward_vnd",
)  # fmt: skip


def template_frame(lang: Lang = "vi") -> pd.DataFrame:
    """The canonical headers and one example row."""
    import pandas as pd

    example = {
        "code": "SK-2024-0001",
        "title": t("ingest.template.title", lang),
        "authors": "Nguyễn Văn An; Trần Thị Bình",
        "author_count": 2,
        "unit": "PV GAS",
        "field": "Kỹ thuật – Công nghệ",
        "status": t("ingest.template.status", lang),
        "level": t("ingest.template.level", lang),
        "registered_on": "15/03/2024",
        "recognized_on": "20/04/2024",
        "applied_on": "",
        "benefit_vnd": "1.250.000.000" if lang == "vi" else "1,250,000,000",
        "reward_vnd": "5.000.000" if lang == "vi" else "5,000,000",
    }
    return pd.DataFrame(
        [[example[n] for n in TEMPLATE_FIELDS]], columns=[field_label(n, lang) for n in TEMPLATE_FIELDS]
    )


def template_csv(lang: Lang = "vi") -> bytes:
    return to_csv_bytes(template_frame(lang))


def template_xlsx(lang: Lang = "vi") -> bytes:
    """The template as a workbook: real dates (dd/mm/yyyy) and numbers (#,##0)."""
    import datetime as dt

    frame = template_frame(lang)
    for name in ("registered_on", "recognized_on"):
        label = field_label(name, lang)
        frame[label] = [dt.datetime.strptime(v, "%d/%m/%Y") if v else None for v in frame[label]]
    for name in ("benefit_vnd", "reward_vnd"):
        label = field_label(name, lang)
        frame[label] = [int(str(v).replace(".", "").replace(",", "")) for v in frame[label]]
    formats = {field_label(n, lang): "dd/mm/yyyy" for n in ("registered_on", "recognized_on", "applied_on")}
    formats.update({field_label(n, lang): "#,##0" for n in ("benefit_vnd", "reward_vnd")})
    return to_xlsx_bytes({t("ingest.template.sheet", lang): frame}, number_formats=formats)


def accepted_headers(lang: Lang = "vi") -> pd.DataFrame:
    """Each field, whether it is required, and the headers recognised for it (for the help table)."""
    import pandas as pd

    return pd.DataFrame(
        [
            (
                field_label(f.name, lang),
                t("ingest.required" if f.required else "ingest.optional", lang),
                ", ".join(f.synonyms),
            )
            for f in FIELDS
        ],
        columns=[t("ingest.col.field", lang), t("ingest.col.required", lang), t("ingest.col.headers", lang)],
    )
