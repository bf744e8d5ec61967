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
