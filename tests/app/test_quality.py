"""The Quality page (AppTest on the sample): the funnel's cards, the links to the records, the silent
units, the review list, the flagged benefits; an analyst's mark changes the count."""

from __future__ import annotations

from analytics import quality
from analytics.filters import Filters
from tests.app.apptest import all_text, metric_values, run_app
from tests.conftest import ONE_MILLION


def test_the_quality_page_answers_each_question_on_the_sample(monkeypatch, sample_copy, sample_store):
    at = run_app(monkeypatch, sample_copy, page="quality", program=ONE_MILLION)
    values = dict(metric_values(at))
    assert values["Đã đăng ký"] == "7.085"
    assert values["Tồn đọng quá 90 ngày"].replace(".", "").isdigit()
    text = all_text(at)
    assert "records?program=1-trieu-sang-kien&status=applied" in text
    assert "cài sẵn để minh họa" in text  # the planted cases are said to be illustrative
    assert "cặp hồ sơ có thể là cùng một sáng kiến" in text
    assert "> 10 × P99 của đơn vị" in values or "&gt; 10 × P99 của đơn vị" in str(values)
    # An analyst marks the first pair "same initiative": the page says where the count changes.
    pending = quality.duplicates(sample_store, Filters(program=ONE_MILLION)).pending
    assert f"{pending.iloc[0]['code_a']} – {pending.iloc[0]['code_b']}" == at.selectbox(
        key="quality_pair"
    ).format_func(at.selectbox(key="quality_pair").value)
    at.button(key="quality_mark_same").click().run()
    assert not at.exception
    text = all_text(at)
    assert "Tính một lần: 7.085 → 7.084" in text, text[-2000:]
