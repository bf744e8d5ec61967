"""An analysis goes stale when evidence or a judgement changes, not when a member is
added or a token made (a 10^6-claim case must not recompute for a new colleague)."""

from __future__ import annotations

from pathlib import Path

from claimgraph.services import add_inputs, add_user, create_api_token, grant, open_ledger
from claimgraph.services.analysis import analyse
from claimgraph.settings import Settings


def test_accounts_do_not_stale_the_analysis(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text("The ministry said 40 people were killed on Monday.\n", "utf-8")
    with open_ledger(Settings(home=tmp_path / "home", user="t"), create=True) as ledger:
        assert [o.status for o in add_inputs(ledger, [str(doc)], case="c")] == ["added"]
        assert analyse(ledger, "c").computed
        assert not analyse(ledger, "c").computed
        add_user(ledger, "colleague", "a long enough password")
        grant(ledger, "c", "colleague", "viewer")
        create_api_token(ledger, "colleague", "script")
        assert not analyse(ledger, "c").computed
        more = tmp_path / "b.txt"
        more.write_text("Rescuers said 52 people were killed.\n", "utf-8")
        list(add_inputs(ledger, [str(more)], case="c"))
        assert analyse(ledger, "c").computed


def test_a_reviewers_correction_is_what_the_analysis_reads(tmp_path: Path) -> None:
    from claimgraph.services.analysis import analyse, propositions
    from claimgraph.services.reviews import review_claim, reviewed_claims
    from claimgraph.store import ClaimFilter

    doc = tmp_path / "a.txt"
    doc.write_text("The ministry said 14 people were killed on Monday.\n", "utf-8")
    with open_ledger(Settings(home=tmp_path / "home", user="t"), create=True) as ledger:
        list(add_inputs(ledger, [str(doc)], case="c"))
        labels = [p.label for p in propositions(ledger, "c", kind="quantity")]
        assert any("14" in label for label in labels), labels
        claim = reviewed_claims(ledger, ClaimFilter(case="c", kind="quantity"))[0]
        review_claim(ledger, "c", claim["id"], "edit", "the scan says 41",
                     {"low": 41, "high": 41})  # fmt: skip
        labels = [p.label for p in propositions(ledger, "c", kind="quantity")]
        assert any("41" in label for label in labels) and not any("14" in x for x in labels)
        stored = reviewed_claims(ledger, ClaimFilter(case="c", kind="quantity"))[0]
        assert stored["quantity"]["low"] == 14  # the claim itself is never changed
        assert stored["review"]["state"] == "edited" and stored["review"]["edit"]["low"] == 41
        # accepting confirms the claim as it stands: no recomputation
        assert not analyse(ledger, "c").computed
        review_claim(ledger, "c", claim["id"], "accept", "checked")
        assert not analyse(ledger, "c").computed
        review_claim(ledger, "c", claim["id"], "reject", "a misreading")
        assert analyse(ledger, "c").computed


def test_another_cases_evidence_leaves_the_analysis_current(tmp_path: Path) -> None:
    """Each case is current against its own changes: a source added to one case, or a
    judgement in it, leaves the other's analysis as it was; a source both cases hold,
    extracted again, stales both."""
    from claimgraph.services import list_sources
    from claimgraph.services.analysis import judge

    def doc(name: str, text: str) -> str:
        path = tmp_path / name
        path.write_text(text, "utf-8")
        return str(path)

    shared = doc("shared.txt", "The governor said 12 people were killed in the flood.\n")
    with open_ledger(Settings(home=tmp_path / "home", user="t"), create=True) as ledger:
        for case in ("north", "south"):
            list(add_inputs(ledger, [shared], case=case))
            assert analyse(ledger, case).computed
        list(add_inputs(ledger, [doc("n.txt", "Medics said 15 people died.\n")], case="north"))
        assert analyse(ledger, "north").computed and not analyse(ledger, "south").computed
        judge(ledger, "south", "actor.grade", "governor", "B")
        assert analyse(ledger, "south").computed and not analyse(ledger, "north").computed
        # Claims extracted again from the shared source (as a new extractor would)
        sid = next(s.id for s in list_sources(ledger, "south"))
        with ledger.store.write() as w:
            w.append_audit(ledger.clock(), "t", "claims.extract", sid, {"count": 1})
        assert analyse(ledger, "north").computed and analyse(ledger, "south").computed
