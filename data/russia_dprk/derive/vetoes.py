"""UN Security Council vetoes of draft resolutions on Korea."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import step

VETO_MEMBERS = {"USSR": "SUN", "Russia": "RUS", "China": "CHN", "USA": "USA", "UK": "GBR", "France": "FRA"}
SUBJECTS = {
    "Korean War": "korean_war",
    "Admission": "rok_un_membership",
    "Korean Airlines": "kal_007_shootdown",
    "North Korea": "dprk_non_proliferation",
}


@step("unsc_vetoes_korea", upstream=["unsc-vetoes/unsc_vetoes_1946_sept2022.csv"], source="un-veto-list-2022")
def korea_vetoes(veto_list: Path) -> pd.DataFrame:
    """Vetoed drafts whose agenda item concerns Korea, with the members that vetoed."""
    raw = pd.read_csv(veto_list, dtype=str)
    korea = raw[
        raw["agenda_item"].str.contains("Korea", case=False) | raw["crisis_topic"].str.contains("Korea", case=False)
    ].copy()
    members = korea[["member_veto1", "member_veto2", "member_veto3"]]
    vetoed_by = members.apply(lambda row: ";".join(VETO_MEMBERS[m] for m in row.dropna()), axis=1)
    out = pd.DataFrame(
        {
            "date": pd.to_datetime(korea["date"], format="%m/%d/%Y").dt.strftime("%Y-%m-%d"),
            "draft": korea["draft"],
            "meeting_record": korea["meeting_record"],
            "subject": korea["crisis_topic"].map(SUBJECTS),
            "vetoed_by": vetoed_by,
        }
    )
    return out.sort_values("date").reset_index(drop=True)
