"""Who may see a page: the signed-in person, and their access to the case in the path
(the same rules as the API: a non-member gets 404, a viewer cannot change anything)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from claimgraph.api.context import (
    CaseAccess,
    CasePath,
    Principal,
    case_access,
    principal,
    require_csrf,
)

PageWho = Annotated[Principal, Depends(principal)]


def page_reader(request: Request, case: CasePath, who: PageWho) -> CaseAccess:
    return case_access(request, case, who, write=False)


async def page_writer(request: Request, case: CasePath, who: PageWho) -> CaseAccess:
    await require_csrf(request, who)
    return case_access(request, case, who, write=True)


PageRead = Annotated[CaseAccess, Depends(page_reader)]
PageWrite = Annotated[CaseAccess, Depends(page_writer)]
