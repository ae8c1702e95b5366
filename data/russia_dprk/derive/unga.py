"""UN General Assembly voting: pairwise agreement and ideal points."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyreadr

from . import step, whole_numbers

PAIRS: list[tuple[str, str]] = [("RUS", "PRK"), ("CHN", "PRK"), ("USA", "PRK"), ("RUS", "CHN")]
UNVOTES_CODES = {"RUS": "RU", "PRK": "KP", "CHN": "CN", "USA": "US"}
IDEAL_POINT_COUNTRIES = ["RUS", "PRK", "CHN", "USA", "KOR"]
FIRST_YEAR, LAST_YEAR = 1991, 2019


def _votes(votes_file: Path, calls_file: Path) -> pd.DataFrame:
    votes = pyreadr.read_r(votes_file)["un_votes"]
    calls = pyreadr.read_r(calls_file)["un_roll_calls"]
    calls = calls.assign(year=pd.to_datetime(calls["date"]).dt.year)[["rcid", "year"]]
    votes = votes.assign(rcid=votes["rcid"].astype("int64"), vote=votes["vote"].astype(str))
    return votes.merge(calls.astype({"rcid": "int64"}), on="rcid", how="inner")


@step("unga_alignment", upstream=["unvotes/un_votes.rda", "unvotes/un_roll_calls.rda"], source="voeten-unvotes-2019")
def alignment(votes_file: Path, calls_file: Path) -> pd.DataFrame:
    """Share of roll calls, per year, on which both countries of a pair cast the same vote."""
    votes = _votes(votes_file, calls_file)
    votes = votes[votes["year"].between(FIRST_YEAR, LAST_YEAR)]
    wide = votes.pivot_table(index=["year", "rcid"], columns="country_code", values="vote", aggfunc="first")
    rows = []
    for a, b in PAIRS:
        both = wide[[UNVOTES_CODES[a], UNVOTES_CODES[b]]].dropna()
        same = both[UNVOTES_CODES[a]] == both[UNVOTES_CODES[b]]
        per_year = pd.DataFrame(
            {"roll_calls": same.groupby(level="year").size(), "same_votes": same.groupby(level="year").sum()}
        )
        for year, row in per_year.iterrows():
            rows.append(
                {
                    "year": int(year),
                    "country_a": a,
                    "country_b": b,
                    "roll_calls": int(row["roll_calls"]),
                    "same_votes": int(row["same_votes"]),
                    "agreement": round(row["same_votes"] / row["roll_calls"], 4),
                }
            )
    return pd.DataFrame(rows).sort_values(["country_a", "country_b", "year"]).reset_index(drop=True)


@step(
    "unga_ideal_points", upstream=["voeten-idealpoints/IdealpointsJuly2025.dta"], source="bailey-strezhnev-voeten-2025"
)
def ideal_points(stata_file: Path) -> pd.DataFrame:
    """Ideal points from final-passage votes, with the 5th-95th percentile posterior interval."""
    raw = pd.read_stata(stata_file)
    raw = raw[raw["iso3c"].isin(IDEAL_POINT_COUNTRIES)].dropna(subset=["idealpointfp"])
    out = pd.DataFrame(
        {
            "year": raw["year"].astype(int),
            "country": raw["iso3c"].astype(str),
            "ideal_point": raw["idealpointfp"].round(4),
            "low_5": raw["q5fp"].round(4),
            "high_95": raw["q95fp"].round(4),
            "votes": whole_numbers(
                raw["nvotesfp"],
                stata_file.name,
                "nvotesfp",
                "country " + raw["iso3c"] + ", year " + raw["year"].astype(str),
            ),
        }
    )
    return out.sort_values(["country", "year"]).reset_index(drop=True)
