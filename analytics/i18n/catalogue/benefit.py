"""Catalogue area: the Benefit page."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    # --- benefit ------------------------------------------------------------------------------------------
    "benefit.title": ("Hiệu quả: giá trị làm lợi của {noun}", "Benefit: value of the {noun}"),
    "benefit.median": ("Giá trị làm lợi trung vị / {noun_one}", "Median benefit per {noun_one}"),
    "benefit.median.help": (
        "Một nửa số {noun} có giá trị làm lợi dưới mức này (chỉ tính hồ sơ có ghi giá trị).",
        "Half of the {noun} benefited less than this (records with a value only).",
    ),
    "benefit.top_share": ("Phần của 10% {noun} lớn nhất", "Share of the top 10% of {noun}"),
    "benefit.top_share.help": (
        "Tỷ lệ giá trị làm lợi do 10% {noun} có giá trị lớn nhất mang lại.",
        "Share of the value benefited that the top 10% of {noun} bring.",
    ),
    "benefit.by_unit": (
        "Giá trị làm lợi theo đơn vị: {leader} dẫn đầu ({value})",
        "Benefit by unit: {leader} leads ({value})",
    ),
    "benefit.by_field": ("Theo lĩnh vực: {leader} mang lại nhiều nhất", "By field: {leader} brings the most"),
    "benefit.by_phase": ("Theo {period}", "By {period}"),
    "benefit.distribution": (
        "Phân bố: 10% {noun} lớn nhất mang lại {share} tổng giá trị",
        "Distribution: the top 10% of {noun} bring {share} of the total",
    ),
    "benefit.axis_band": ("Giá trị làm lợi mỗi {noun_one} (khoảng)", "Benefit per {noun_one} (band)"),
    "benefit.axis_count": ("{Noun}", "{Noun}"),
    "benefit.per_member": (
        "Làm lợi trên mỗi đoàn viên: {leader} cao nhất ({value})",
        "Benefit per member: {leader} is highest ({value})",
    ),
    "benefit.top": ("{Noun} làm lợi lớn nhất", "{Noun} with the largest benefit"),
    "benefit.remuneration": (
        "Thù lao tối thiểu cho tác giả (ước tính theo Nghị định 13/2012/NĐ-CP)",
        "Minimum author remuneration (estimate under Decree 13/2012/ND-CP)",
    ),
    "benefit.remuneration.note": (
        "Ước tính, không phải số đã chi: 7% giá trị làm lợi mỗi năm của các {noun} đã áp dụng, trong 3 năm đầu. "
        "Giả định giá trị ghi trong hồ sơ là giá trị làm lợi của một năm.",
        "An estimate, not money paid: 7% of each year's benefit of applied {noun}, for the first 3 years. "
        "Assumes the recorded value is one year's benefit.",
    ),
    "benefit.per_year": ("Mỗi năm (ước tính)", "Per year (estimate)"),
    "benefit.three_years": ("Trong 3 năm đầu (ước tính)", "Over the first 3 years (estimate)"),
    "benefit.applied_benefit": ("Làm lợi của {noun} đã áp dụng", "Benefit of applied {noun}"),
    "benefit.file": ("hieu-qua", "benefit"),
    "benefit.by_author": ("Theo tác giả (ước tính, 20 người cao nhất)", "By author (estimate, the top 20)"),
    "benefit.by_author.note": (
        "7% giá trị làm lợi mỗi năm của mỗi {noun_one} đã áp dụng, chia cho các tác giả theo tỷ lệ đóng góp ghi trong "
        "hồ sơ (Nghị định 13/2012/NĐ-CP), hoặc chia đều khi hồ sơ không ghi tỷ lệ.",
        "7% of the yearly benefit of each applied {noun_one}, shared among its authors by the contributions recorded "
        "(Decree 13/2012/ND-CP), or equally where none were recorded.",
    ),
    "benefit.by_author.author": ("Tác giả", "Author"),
    "benefit.by_author.initiatives": ("Số {noun}", "Number of {noun}"),
    "benefit.by_author.basis": ("Cách chia", "Shared"),
    "benefit.by_author.shares": ("theo tỷ lệ đóng góp", "by contribution"),
    "benefit.by_author.equal": ("chia đều", "equally"),
}
