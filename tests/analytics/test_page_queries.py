"""Page queries written for speed (issue 19) give exactly what their plain forms gave."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from analytics import metrics
from analytics.filters import Filters

# recognition_time's query before it was split (the medians of the weeks computed and thrown away)
_PLAIN_RECOGNITION_SQL = metrics.with_scope(
    """SELECT grouping(month, week) AS level, month, week, count(*) AS recognized,
              median(days) AS median_days, quantile_cont(days, 0.9) AS p90_days
       FROM (SELECT date_trunc('month', registered_on) AS month,
                    least((recognized_on - registered_on) // 7, 26) AS week,
                    recognized_on - registered_on AS days
             FROM f WHERE recognized_on IS NOT NULL AND recognized_on >= registered_on) r
       GROUP BY GROUPING SETS ((month), (week), ()) ORDER BY level, month, week"""
)


@pytest.mark.parametrize(
    "filters",
    [
        Filters(),
        Filters(phase=1),
        Filters(units=("BSR",)),
        Filters(statuses=("applied",)),
        Filters(date_from=dt.date(2022, 1, 1), date_to=dt.date(2022, 12, 31)),
        Filters(date_from=dt.date(1990, 1, 1), date_to=dt.date(1990, 1, 2)),  # nothing recognized
    ],
)
def test_recognition_time_is_the_plain_querys(sample_store, filters):
    rows = metrics._run(sample_store, _PLAIN_RECOGNITION_SQL, filters)
    by_month, by_week, overall = metrics.recognition_time(sample_store, filters)
    expected_month = rows[rows["level"] == 1][["month", "recognized", "median_days", "p90_days"]]
    expected_week = rows[rows["level"] == 2][["week", "recognized"]].astype({"week": "int64"})
    pd.testing.assert_frame_equal(by_month, expected_month.reset_index(drop=True), check_exact=True)
    pd.testing.assert_frame_equal(by_week, expected_week.reset_index(drop=True), check_exact=True)
    total = rows[rows["level"] == 3]
    if total.empty or not total["recognized"].iloc[0]:
        assert overall == {"recognized": 0, "median_days": None, "p90_days": None}
    else:
        assert overall == total[["recognized", "median_days", "p90_days"]].iloc[0].to_dict()
        assert overall["recognized"] == by_month["recognized"].sum() == by_week["recognized"].sum() > 0
