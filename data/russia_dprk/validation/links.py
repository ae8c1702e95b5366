"""Links across a table: domains it refuses, links in running text, copies, trackers and redirects, the site a
source is published on, and one document cited under two links.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from .cells import key_of, url_problem
from .common import Problem, Table, Unread, odd_ones_out


def on_domain(url: str, domains: list[str]) -> str | None:
    """The listed domain a URL's host is, or is a subdomain of (``None`` if none).

    >>> on_domain("https://japan.news-pravda.com/a", ["news-pravda.com"])
    'news-pravda.com'
    >>> on_domain("https://fakenews-pravda.com/a", ["news-pravda.com"]) is None
    True
    """
    host = _host(url)
    if host is None:
        return None
    suffixes = host.split(".")
    within = {".".join(suffixes[i:]) for i in range(len(suffixes))}  # the host and each domain it lies under
    return next((d for d in domains if d in within), None)


@lru_cache(maxsize=4096)
def _host(url: str) -> str | None:
    """A link's host without a trailing dot (``None`` for a link that cannot be split); kept for the run, since each
    domain rule asks again for the same links."""
    try:
        return (urlsplit(url).hostname or "").rstrip(".")
    except ValueError:
        return None


def url_fields(entry: dict[str, Any]) -> list[str]:
    """The fields of a table that hold links (``format: uri``)."""
    return [f["name"] for f in entry["schema"]["fields"] if f.get("format") == "uri"]


def _domain_hits(table: Table, entry: dict[str, Any], domains: list[str]) -> Iterator[tuple[int, dict, str, str]]:
    """Each link on one of ``domains``: its line, record, field and the domain it is on. A web archive's snapshot
    is judged by the page it archived: a snapshot of a wiki's page is a copy, and one of a refused site's page is that
    page."""
    for line, record in table.records:
        for name in url_fields(entry):
            hit = on_domain(archived_link(record[name]), domains)
            if hit:
                yield line, record, name, hit


def refused_domain_problems(table: Table, entry: dict[str, Any]) -> list[Problem]:
    """URLs whose host is, or is a subdomain of, a domain the descriptor refuses (``x-refused-domains``)."""
    refused = entry.get("x-refused-domains", [])
    if not refused:
        return []
    return [
        Problem(
            table.path,
            line,
            name,
            "refused-domain",
            f"value {record[name]!r}: {hit} is a refused domain (a propaganda-network copy); cite the original",
        )
        for line, record, name, hit in _domain_hits(table, entry, refused)
    ]


# A link in running text ends at a space, a quote or the first character a link cannot hold unencoded (Japanese and
# Chinese text runs on without a space: "（https://…html）によると", "«https://…»").
TEXT_LINK = re.compile(
    r"(?i:https?)://[^\s\"'<>\u0080-\U0010ffff]+"
)  # case-blind only in the scheme: "i" would match "İ"


# A link a page must never carry, written anywhere in text: a script's, or a page inside the link itself.
SCRIPT_LINK = re.compile(
    r"\b(?:javascript|vbscript|livescript):(?!\s)|[(<\[]\s*(?:javascript|vbscript|livescript):|\bdata:[a-z]+/[a-z0-9.+-]+[;,]",
    re.IGNORECASE,
)  # "javascript:alert(1)" or "(javascript: ...", not prose ("the page loads its table with JavaScript: figures...")


def _bare_domain(text: str, domains: list[str]) -> str | None:
    """The first of ``domains`` on which ``text`` names a page without a scheme ("news-pravda.com/world/1",
    "fr.news-pravda.com/a.html"), or ``None``. Naming the site alone ("replaces a news-pravda.com copy") is a note's
    provenance, not a link.

    >>> _bare_domain("copy at fr.news-pravda.com/world/1 too", ["news-pravda.com"])
    'news-pravda.com'
    >>> _bare_domain("replaces a Pravda-network (news-pravda.com) copy", ["news-pravda.com"]) is None
    True
    """
    lowered = text.casefold()
    for domain in domains:
        start = lowered.find(domain)
        while start != -1:
            end = start + len(domain)
            before = lowered[start - 1] if start else " "
            if (
                (before.isspace() or before in ".(@")
                and lowered[end : end + 1] == "/"
                and lowered[end + 1 : end + 2].strip()
            ):
                return domain
            start = lowered.find(domain, end)
    return None


def text_link_problems(table: Table, entry: dict[str, Any], refused: list[str]) -> list[Problem]:
    """Links written inside the text of a table entered by hand (a note naming a second copy, a purpose naming a
    press release), held to the rules of a link field: a link a reader can open (:func:`url_problem`) and on no
    refused domain (``x-refused-domains``, a propaganda network's copies). Punctuation after a link ends it.

    >>> note = "Copy at https://japan.news-pravda.com/a.html; also http://10.0.0.1/b."
    >>> table = Table("t.csv", ["note"], [(2, {"note": note})])
    >>> [p.rule for p in text_link_problems(table, {"x-kind": "curated", "schema": {"fields": [
    ...     {"name": "note", "type": "string"}]}}, ["news-pravda.com"])]
    ['refused-domain', 'text-link']

    A refused domain named without a scheme ("copy at news-pravda.com/world/1") is refused too, and so is a script's
    link (``javascript:``) anywhere in text.
    """
    if entry["x-kind"] == "derived":  # written by a build from its upstream file
        return []
    problems = []
    links = set(url_fields(entry))
    for field in entry["schema"]["fields"]:
        name = field["name"]
        if field["type"] != "string" or name in links:
            continue
        column = "\n".join(record[name] for _, record in table.records).casefold()
        may_name = [domain for domain in refused if domain in column]
        may_script = "script:" in column or "data:" in column
        for line, record in table.records:
            bare = _bare_domain(record[name], may_name) if may_name else None
            if bare and not any(on_domain(u, [bare]) for u in TEXT_LINK.findall(record[name])):
                said = f"names {bare}, a refused domain (a propaganda-network copy): cite the original"
                problems.append(Problem(table.path, line, name, "refused-domain", said))
            script = SCRIPT_LINK.search(record[name]) if may_script else None
            if script:
                said = f"holds {script.group()!r}, the start of a link that runs a script or carries its own page"
                problems.append(Problem(table.path, line, name, "text-link", said))
            for found in TEXT_LINK.findall(record[name]):
                url = found.rstrip(".,;:)]")
                hit = on_domain(archived_link(url), refused)
                if hit:
                    said = f"holds the link {url!r}: {hit} is a refused domain (a propaganda-network copy); cite the "
                    said += "original"
                    problems.append(Problem(table.path, line, name, "refused-domain", said))
                    continue
                reason = url_problem(url)
                if reason:
                    problems.append(
                        Problem(table.path, line, name, "text-link", f"holds the link {url!r}, which {reason}")
                    )
                    continue
                pasted = pasted_link_problem(url)
                if pasted:
                    problems.append(
                        Problem(table.path, line, name, pasted[0], f"holds the link {url!r}, which {pasted[1]}")
                    )
    return problems


def refused_text_problems(table: Table, entry: dict[str, Any]) -> list[Problem]:
    """Cells that hold text the descriptor refuses in their field (``x-refused-text``: a pattern and why), such as
    a publisher recorded as the outlet that carried a copy ("X via Y") instead of the one that published first."""
    problems = []
    for rule in entry.get("x-refused-text", []):
        pattern = re.compile(rule["pattern"])
        for line, record in table.records:
            value = record.get(rule["field"], "")
            if pattern.search(value):
                problems.append(
                    Problem(table.path, line, rule["field"], "refused-text", f"value {value!r}: {rule['why']}")
                )
    return problems


def address_host(url: str) -> str | None:
    """The host of a link that names its server by a numeric address instead of a domain (``None`` otherwise).

    An outlet publishes on its own domain; a page reached at a bare address is a mirror, a proxy or a cache of it.

    >>> address_host("http://104.18.32.7/news/a.html"), address_host("https://www.yna.co.kr/a")
    ('104.18.32.7', None)
    """
    host = _host(url)
    if not host:
        return None
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return None
    return host


def copy_domain_problems(table: Table, entry: dict[str, Any]) -> list[Problem]:
    """Rows whose URL is on a host of copies (a wiki, a blog host, a mailing-list archive, an aggregator: the
    descriptor's ``x-copy-domains``), or on a bare numeric address (a mirror or proxy), but whose tier field does
    not say so: a copy is never filed as an original."""
    rule = entry.get("x-copy-domains")
    if not rule:
        return []
    field, value = rule["field"], rule["value"]
    problems = []
    for line, record in table.records:
        if record[field] == value:
            continue
        for name in url_fields(entry):
            link = archived_link(record[name])
            hit = on_domain(link, rule["domains"])
            where = f"on {hit}, a host of copies" if hit else None
            if not hit and (address := address_host(link)):
                where = (
                    f"at {address}, a bare address with no domain name (a mirror or proxy, not an outlet's own site)"
                )
            if where:
                said = f"value {record[field]!r}: the URL is {where}, so the {field} must be {value!r} "
                problems.append(
                    Problem(table.path, line, field, "copy-domain", f"{said}(or cite the original instead)")
                )
                break
    return problems


def domain_value_problems(table: Table, entry: dict[str, Any]) -> list[Problem]:
    """Rows whose URL is on a listed domain (or under a listed suffix such as ``gov``) but whose field holds none of
    the values the descriptor's ``x-domain-values`` gives for it: a state outlet's own site is state media, a
    government's own site an official source, whichever page of it a row cites. Where the rule gives ``only``, those
    values are found on no other site but a host of copies (state media only on a listed state outlet's site). A web
    archive's snapshot is judged by the link it archived.

    >>> rule = {"domains": ["gov"], "except": ["loc.gov"], "field": "kind", "values": ["official"], "why": "w"}
    >>> table = Table("s.csv", ["url", "kind"], [(2, {"url": "https://www.state.gov/a", "kind": "opinion"}),
    ...     (3, {"url": "https://www.loc.gov/b", "kind": "academic"})])
    >>> [(p.line, p.rule) for p in domain_value_problems(table, {"x-domain-values": [rule], "schema": {"fields": [
    ...     {"name": "url", "type": "string", "format": "uri"}, {"name": "kind", "type": "string"}]}})]
    [(2, 'domain-value')]
    """
    problems = []
    copies = entry.get("x-copy-domains", {}).get("domains", [])
    for rule in entry.get("x-domain-values", []):
        field, values = rule["field"], rule["values"]
        for line, record in table.records:
            links = [archived_link(record[name]) for name in url_fields(entry)]
            hit = next((found for link in links if (found := on_domain(link, rule["domains"]))), None)
            if (
                not hit
                and record[field] in rule.get("only", [])
                and not any(on_domain(ln, copies) or address_host(ln) for ln in links)
            ):
                message = (
                    f"value {record[field]!r}, but the URL is on none of the sites listed for it, nor on a host of "
                    f"copies ({rule['why']}); if the site is one, list it in the rule"
                )
            elif hit and record[field] not in values and not any(on_domain(ln, rule.get("except", [])) for ln in links):
                allowed = " or ".join(repr(value) for value in values)
                message = (
                    f"value {record[field]!r}: the URL is on {hit}, so the {field} must be {allowed} ({rule['why']})"
                )
            else:
                continue
            problems.append(Problem(table.path, line, field, "domain-value", message))
    return problems


PINNED_PATH = re.compile(r"/([\w.-]+)/([\w.-]+)/([^/]+)/(.+)")


# Other addresses of a repository's or a package's files: GitHub's own pages, CDNs that serve a GitHub branch or an
# npm package, and proxies of raw GitHub files. Each group is the reference it names (a branch, tag, commit or
# version), if any.
GITHUB_PAGES = re.compile(r"/[\w.-]+/[\w.-]+/(?:raw|blob)/([^/]+)/.+")
GITHUB_PROXIES = frozenset({"raw.githack.com", "rawcdn.githack.com", "cdn.statically.io", "gitcdn.link"})
PACKAGE_CDNS = {
    "cdn.jsdelivr.net": re.compile(r"/npm/(?:@[\w.-]+/)?[\w.-]+(?:@([^/]*))?/.+"),
    "unpkg.com": re.compile(r"/(?:@[\w.-]+/)?[\w.-]+(?:@([^/]*))?/.+"),
}
EXACT_VERSION = re.compile(r"[0-9]+\.[0-9]+\.[0-9]+(?:-[0-9A-Za-z.-]+)?")


def _floating_copy(url: str, host: str) -> str | None:
    """Why a link to a repository's or a package's file does not name one fixed copy of it, or ``None``: a GitHub
    page (``github.com/o/r/raw/...`` or a ``blob`` viewer) or a proxy or CDN of a GitHub file, which the registry
    names on ``host`` by its commit instead; an npm file on jsDelivr or unpkg without an exact version (``@2``,
    ``@latest`` or none move with each release).

    >>> _floating_copy("https://cdn.jsdelivr.net/npm/world-atlas@2/countries-10m.json", "raw.githubusercontent.com")
    "names the package's version '2', which moves with each release: name an exact version (such as 2.0.2)"
    >>> _floating_copy("https://cdn.jsdelivr.net/npm/world-atlas@2.0.2/countries-10m.json", "x") is None
    True
    """
    parts = urlsplit(url)
    where = (parts.hostname or "").casefold()
    if where == "github.com" and GITHUB_PAGES.fullmatch(parts.path):
        return f"is a GitHub page of the file: name the file on {host} by its commit's 40-digit hash"
    if where in GITHUB_PROXIES or (where == "cdn.jsdelivr.net" and parts.path.startswith("/gh/")):
        return f"serves a GitHub file through {where}: name the file on {host} by its commit's 40-digit hash"
    pattern = PACKAGE_CDNS.get(where)
    found = pattern.fullmatch(parts.path) if pattern else None
    if found and not (found.group(1) and EXACT_VERSION.fullmatch(found.group(1))):
        version = f"the package's version {found.group(1)!r}" if found.group(1) else "no version of the package"
        return f"names {version}, which moves with each release: name an exact version (such as 2.0.2)"
    return None


def pinned_copy_problems(table: Table, entry: dict[str, Any]) -> list[Problem]:
    """Repository files whose URL does not pin one commit, or whose record of what it pins disagrees with the URL
    (``x-pinned-copy``: URLs on ``host`` name ``owner/repo/commit/path``, recorded in ``field`` as
    ``owner/repo@commit:path``; a file from elsewhere leaves the field empty)."""
    rule = entry.get("x-pinned-copy")
    if not rule:
        return []
    problems = []
    for line, record in table.records:
        found = _pinned_copy_problem(record[rule["url"]], record[rule["field"]], rule)
        if found:
            problems.append(Problem(table.path, line, found[0], "pinned-copy", found[1]))
    return problems


def _pinned_copy_problem(url: str, written: str, rule: dict[str, str]) -> tuple[str, str] | None:
    """The field at fault and why, for one registry row under an ``x-pinned-copy`` rule (None: it complies)."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return None  # a malformed link: the field's URL rule reports it
    if host != rule["host"]:
        floating = _floating_copy(url, rule["host"])
        if floating:
            return rule["url"], f"value {url!r} {floating}"
        return (
            (rule["field"], f"value {written!r}, but the {rule['url']} is not on {rule['host']}: leave it empty")
            if written
            else None
        )
    match = PINNED_PATH.fullmatch(parts.path)
    if not match or not re.fullmatch(r"[0-9a-f]{40}", match.group(3)):
        pinned = f"the branch or tag {match.group(3)!r}" if match else "no commit"
        return (
            rule["url"],
            f"value {url!r} pins {pinned}: a copy on {rule['host']} is named by its commit's 40-digit hash (a branch "
            "moves)",
        )
    expected = f"{match.group(1)}/{match.group(2)}@{match.group(3)}:{match.group(4)}"
    if written != expected:
        return rule["field"], f"value {written!r}, but the {rule['url']} pins {expected!r} (repository@commit:path)"
    return None


# Query parameters that say how a reader arrived, never which document: campaign tags, click ids and feed names.
# Compared case-folded; any name starting "utm_" is one too.
TRACKING = frozenset(
    {"fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid", "feedtype", "feedname", "ref_src"}
    | {"_hsenc", "_hsmi", "mkt_tok", "_ga", "_gl", "srsltid", "ocid", "cmpid", "ref_url", "at_medium", "at_campaign"}
    | {"guccounter", "guce_referrer", "guce_referrer_sig"}
    | {"outurl", "req_by"}  # Korean publishers' tags for a reader sent by a portal (Naver) or a recommender
    | {"cmp", "xtor", "si"}  # a newspaper's share button (CMP=share_btn_tw), AT Internet's tag, a share's id
    | {"spm", "wt_mc", "ito", "smid"}  # Alibaba's, Webtrekk's and newspapers' campaign tags
    | {"phpsessid", "jsessionid", "sessionid"}  # a reader's session
    | {"ysclid", "twclid", "ttclid", "mibextid", "igsh"}  # Yandex's, X's, TikTok's, Facebook's, Instagram's click ids
    | {"gbraid", "wbraid", "rdt_cid", "li_fat_id"}  # Google's app-campaign, Reddit's and LinkedIn's click ids
    | {"ncid", "sref", "taid", "usp"}  # a feed's or partner's tag (Yahoo, Bloomberg), a Google file's "usp=sharing"
)


TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "ns_")  # Google's, Piwik's, Matomo's and comScore's campaign tags
CLICK_ID_SUFFIXES = ("clid", "clkid")  # an ad network's click id, by the names they share (gclid, fbclid, msclkid...)


# Parameters that say how a reader arrived on one site only: a post's share tag on X, Yonhap's tag for the page a
# reader came from ("?input=1195m"). The same names select documents elsewhere.
SITE_TRACKING = {"twitter.com": {"s", "t"}, "x.com": {"s", "t"}, "yna.co.kr": {"input"}}


# A fragment written by a sharing service (Echobox's "#Echobox=1560000000", AT Internet's "#xtor=RSS-1").
TRACKING_FRAGMENT = re.compile(r"(?i)(?:echobox|xtor)=")


# A page that lists documents matching a query: a path segment "search" ("/search?q=", "/search/index",
# "/search.php"), or a site's front page asked for a term (WordPress's "/?s=russia").
SEARCH_PATH = re.compile(r"(?i)/search(?:\.[a-z]{2,4})?(?:/|$)")
LOGIN_PATH = re.compile(r"(?i)/(?:login|signin|sign-in|sso)(?:\.[a-z]{2,4})?(?:/|$)")  # an account's door, not a page


# ... and those that choose a layout (a mobile, AMP or print edition) of the same document, or say where the reader
# came from on the site ("?ref=hp").
NOT_SELECTING = TRACKING | {"forcesite", "outputtype", "output", "amp", "print", "ref", "section", "sc_section_code"}
# A site's regional edition, which serves the same document under the same path ("in.reuters.com",
# "edition.cnn.com"); language editions ("en.", "ru.") are not among them: there the path may name a translation.
EDITION = re.compile(r"^(?:edition|us|uk|in|ca|af|lite|print)\.(?=[^.]+\.[^.]+)")
# What a path may end with and still name the same document: a folder's index page, a print layout.
SAME_PAGE_TAIL = re.compile(r"(?i)/(?:(?:index|default)\.(?:html?|shtml|php|aspx?)|print)$")


def is_tracking(parameter: str) -> bool:
    """True for a query parameter that tells a site how the reader arrived (:data:`TRACKING`, ``utm_...``,
    ``pk_...``, ``mtm_...``, ``ns_...``, or a click id: ``...clid``, ``...clkid``).

    >>> is_tracking("utm_source"), is_tracking("epik_clid"), is_tracking("id")
    (True, True, False)
    """
    name = parameter.casefold()
    return name in TRACKING or name.startswith(TRACKING_PREFIXES) or name.endswith(CLICK_ID_SUFFIXES)


# Links that reach a document through another site, and what each is. A shortener's link hides where it leads; a
# redirect carries the document's link inside its own; a search page lists documents; a translation or cache proxy
# serves its own copy. Each is matched by host (or a parent domain) and, where given, the start of the path.
SHORTENERS = "bit.ly bit.do buff.ly clck.ru cutt.ly dlvr.it goo.gl is.gd lnkd.in me2.do naver.me ow.ly rb.gy rebrand.ly"


SHORTENERS += " shorturl.at t.co t.ly tiny.cc tinyurl.com trib.al v.gd vk.cc"


SHORTENERS += " apne.ws bbc.in bloom.bg ift.tt j.mp nyti.ms on.ft.com reut.rs wapo.st"  # outlets' and feeds' own


SHORTENERS += " goo.su han.gl kko.to url.kr yna.kr"  # Russian and Korean shorteners, Kakao's and Yonhap's


SHORTENERS += " apple.news flip.it t.cn wp.me"  # a news app's, Flipboard's, Weibo's and WordPress's


REDIRECTS = "l.facebook.com lm.facebook.com out.reddit.com safelinks.protection.outlook.com urldefense.com"


REDIRECTS += " urldefense.proofpoint.com away.vk.com href.li"


# A link that carries another link in its path or query (a viewer's ?url=, a proxy's /https://...) serves, frames or
# forwards that other document. Web archives' long links are the exception: each names the page it archived
# (the Wayback Machine's, and archive.today's long form; its short form is refused, below).
EMBEDDED_LINK = re.compile(r"https?(?::|%3a)(?://|%2f%2f)", re.IGNORECASE)
ARCHIVES_OF_RECORD = frozenset(
    {"web.archive.org", "webarchive.nationalarchives.gov.uk", "webarchive.loc.gov", "arquivo.pt"}
    | {"wayback.archive-it.org"}
)


ARCHIVE_TODAY = frozenset(["archive.ph", "archive.today", "archive.is", "archive.li", "archive.vn", "archive.md"])


# A snapshot's time in an archive's long link: 14 digits (YYYYMMDDhhmmss, UTC), and a replay mode ("id_", "if_")
# that changes how the copy is shown, not which copy. The Wayback Machine's first snapshots are of 1996.
SNAPSHOT_TIME = re.compile(r"([0-9]{14})(?:[a-z]{2}_)?")
FIRST_SNAPSHOT_YEAR = 1996
# archive.today writes a snapshot's time as 2024.12.05-101010 in its long link, or "newest"/"oldest" for none
ARCHIVE_TODAY_TIME = re.compile(r"([0-9]{4})\.([0-9]{2})\.([0-9]{2})-([0-9]{6})")


@lru_cache(maxsize=8192)
def snapshot(url: str) -> tuple[str, str] | None:
    """The snapshot time as written and the archived page's own link, for a web archive's long link
    (``https://web.archive.org/web/20201022094821/http://a.com/n``, or archive.today's
    ``https://archive.ph/2024.12.05-101010/https://a.com/n``, its time given here as 14 digits), else ``None``. An
    archived link written without its scheme, which the archives serve too, is read as ``http://``. Kept for the
    run, since the link rules each ask of the same links.

    >>> snapshot("https://web.archive.org/web/20201022094821/http://a.com/2013/05/n")
    ('20201022094821', 'http://a.com/2013/05/n')
    >>> snapshot("https://web.archive.org/web/http://a.com/n"), snapshot("https://a.com/n")
    (('', 'http://a.com/n'), None)
    >>> snapshot("https://web.archive.org/web/2010/a.com/n?id=1"), snapshot("https://archive.ph/2024.12.05-101010/a.com/n")
    (('2010', 'http://a.com/n?id=1'), ('20241205101010', 'http://a.com/n'))
    >>> snapshot("https://archive.ph/newest/https://a.com/n"), snapshot("https://archive.ph/AbCd1")
    (('newest', 'https://a.com/n'), None)
    """
    try:
        parts = urlsplit(url)
        host = _site((parts.hostname or "").rstrip("."))
    except ValueError:
        return None
    if host not in ARCHIVES_OF_RECORD and host not in ARCHIVE_TODAY:
        return None
    start = len(parts.scheme) + 3 + len(parts.netloc)
    inner = EMBEDDED_LINK.search(url, start)
    segments = (url[start : inner.start()] if inner else parts.path).strip("/").split("/")
    if inner:
        at, link = len(segments), url[inner.start() :]
    else:  # the archived link without its scheme: from the first segment that is a host name
        at = next((i for i, s in enumerate(segments) if "." in s and not ARCHIVE_TODAY_TIME.fullmatch(s)), None)
        if at is None:
            return None  # archive.today's short link, or no snapshot
        link = "http://" + url[url.index("/" + segments[at], start) + 1 :]
    stamp = segments[at - 1] if at >= (1 if host in ARCHIVE_TODAY else 2) else ""
    written = ARCHIVE_TODAY_TIME.fullmatch(stamp)
    return ("".join(written.groups()) if written else stamp), link


def snapshot_time(stamp: str) -> dt.datetime | None:
    """The time a snapshot names (14 digits, a real date and time, 1996 or later), or ``None``.

    >>> snapshot_time("20201022094821id_"), snapshot_time("2020"), snapshot_time("20201342094821")
    (datetime.datetime(2020, 10, 22, 9, 48, 21), None, None)
    """
    match = SNAPSHOT_TIME.fullmatch(stamp)
    try:
        when = dt.datetime.strptime(match.group(1), "%Y%m%d%H%M%S") if match else None
    except ValueError:
        return None
    return when if when and when.year >= FIRST_SNAPSHOT_YEAR else None


INDIRECT_HOSTS: dict[str, tuple[str, str]] = {
    **dict.fromkeys(SHORTENERS.split(), ("", "a shortened link hides the document it opens")),
    **dict.fromkeys(REDIRECTS.split(), ("", "a redirect carries the document's link inside its own")),
    "vk.com": ("/away.php", "a redirect carries the document's link inside its own"),
    "search.naver.com": ("", "a search page lists documents"),
    "search.daum.net": ("", "a search page lists documents"),
    "search.yahoo.com": ("", "a search page lists documents"),
    "bing.com": ("/search", "a search page lists documents"),
    "bing.com/ck/": ("", "a redirect carries the document's link inside its own"),
    "yandex.ru/clck/": ("", "a redirect carries the document's link inside its own"),
    "yandex.com/clck/": ("", "a redirect carries the document's link inside its own"),
    "bing.com/news/": ("", "a search page lists documents"),
    "turbopages.org": ("", "a proxy serves its own copy"),
    "yandex.ru": ("/search", "a search page lists documents"),
    "yandex.ru/turbo": ("", "a proxy serves its own copy"),
    "www.baidu.com": ("/s", "a search page lists documents"),
    "duckduckgo.com": ("", "a search page lists documents"),
    "translate.goog": ("", "a translation proxy serves its own copy"),
    "papago.naver.net": ("", "a translation proxy serves its own copy"),
    "webcache.googleusercontent.com": ("", "a search engine's cache serves its own copy"),
    "cdn.ampproject.org": ("", "an AMP cache serves its own copy"),
    "translated.turbopages.org": ("", "a translation proxy serves its own copy"),
    "translatetheweb.com": ("", "a translation proxy serves its own copy"),
    "12ft.io": ("", "a paywall proxy serves its own copy"),
    "cc.bingj.com": ("", "a search engine's cache serves its own copy"),
    "yandexwebcache.net": ("", "a search engine's cache serves its own copy"),
    "m.baidu.com": ("/s", "a search page lists documents"),
    "scholar.google.com": ("/scholar", "a search page lists documents"),
    "youtube.com": ("/results", "a search page lists documents"),
    "list-manage.com": ("/track/click", "a redirect carries the document's link inside its own"),
    "news.google.com": ("/rss/articles/", "a redirect carries the document's link inside its own"),
    "news.google.com/articles/": ("", "a redirect carries the document's link inside its own"),
    **dict.fromkeys(
        [*sorted(ARCHIVE_TODAY), "ghostarchive.org", "perma.cc"],
        ("", "an archive's short link hides the page it copies (a Wayback Machine link names it)"),
    ),
}


def _by_domain(hosts: dict[str, tuple[str, str]]) -> dict[str, list[tuple[str, str]]]:
    """Where on each domain its indirect links are, and what they are: a key "bing.com/ck/" adds a path to a domain
    listed once already ("bing.com", whose search pages are at "/search")."""
    found: dict[str, list[tuple[str, str]]] = {}
    for key, (path, what) in hosts.items():
        domain, _, rest = key.partition("/")
        found.setdefault(domain, []).append(("/" + rest if rest else path, what))
    return found


INDIRECT_BY_DOMAIN = _by_domain(INDIRECT_HOSTS)


# Query parameters that carry someone's access (a token or key): a link holding one expires or gives it away.
CREDENTIALS = frozenset({"token", "access_token", "access-token", "api_key", "apikey", "auth", "sig", "signature"})


CREDENTIALS |= {"x-amz-signature", "x-amz-credential", "x-amz-security-token", "key-pair-id"}


GOOGLE = re.compile(r"(?:.+\.)?google\.(?:com|[a-z]{2}|co\.[a-z]{2}|com\.[a-z]{2})")
GOOGLE_PATHS = {"/url": "a redirect carries the document's link inside its own", "/search": "a search page lists "
                "documents", "/translate": "a translation proxy serves its own copy", "/amp/": "an AMP cache serves "
                "its own copy"}  # fmt: skip


def pasted_link_problem(url: str) -> tuple[str, str] | None:
    """The rule a link entered by hand breaks as pasted, and why, or ``None``: a link that reaches its document
    through another site or is no document (``indirect``: a shortener, redirect, search page, a site's own search
    or login page, archive's short link or list of snapshots, a viewer or proxy carrying the document's link, or a
    translation, paywall or cache proxy; cite the document's own link), one that carries what says how a reader
    arrived (``tracking``: ``utm_source``, ``fbclid``, a session id, a browser's highlight, a sharing service's
    fragment; the document's link is the same without them), or one that
    carries someone's access key (``credentials``: ``?token=``).

    >>> pasted_link_problem("https://bit.ly/3abc")[0], pasted_link_problem("https://a.kr/n/1?utm_source=rss")[0]
    ('indirect', 'tracking')
    >>> pasted_link_problem("https://www-tass-com.translate.goog/1?_x_tr_sl=ru")[1]
    "is on translate.goog: a translation proxy serves its own copy; cite the document's own link"
    >>> pasted_link_problem("https://www.google.co.kr/url?q=https://a.kr/n/1")[0]
    'indirect'
    >>> pasted_link_problem("https://docs.google.com/viewer?url=https%3A%2F%2Fa.kr%2Fr.pdf")[0]
    'indirect'
    >>> pasted_link_problem("https://web.archive.org/web/20200105120000/http://a.kr/n/1") is None
    True
    >>> pasted_link_problem("https://web.archive.org/web/2020/http://a.kr/n/1")[0]
    'snapshot'
    >>> pasted_link_problem("https://tass.com/politics/1804627") is None
    True
    """
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").rstrip(".")
    except ValueError:
        return None  # :func:`url_problem` says what is wrong
    labels = host.split(".")
    inner = EMBEDDED_LINK.search(url, len(parts.scheme) + 3 + len(parts.netloc))
    if _site(host) in ARCHIVES_OF_RECORD and "*" in parts.path:
        return "indirect", "is a web archive's list of snapshots, not one: cite the snapshot that was read"
    kept = snapshot(url)
    if kept and snapshot_time(kept[0]) is None:
        named = f"names the snapshot {kept[0]!r}, which is no time" if kept[0] else "names no snapshot"
        return (
            "snapshot",
            f"{named}: an archived copy is named by its time, 14 digits (YYYYMMDDhhmmss) from "
            f"{FIRST_SNAPSHOT_YEAR} on, and anything else lets the archive show whichever copy is nearest",
        )
    if kept:
        return None  # an archive's long link names the page it copied
    for domain in (".".join(labels[i:]) for i in range(len(labels) - 1)):  # the host, then each parent domain
        for path, what in INDIRECT_BY_DOMAIN.get(domain, ()):
            if parts.path.startswith(path):
                return "indirect", f"is on {domain}: {what}; cite the document's own link"
    if SEARCH_PATH.search(parts.path) or (parts.path in ("", "/") and "s" in dict(parse_qsl(parts.query))):
        return "indirect", f"is a search page on {host}: a search page lists documents; cite the document's own link"
    if LOGIN_PATH.search(parts.path):
        return (
            "indirect",
            f"is a login page on {host}, which opens an account, not a document; cite the document's link",
        )
    if ";jsessionid=" in parts.path.lower() or parts.fragment.startswith(":~:"):
        marked = "a session id (;jsessionid=)" if ";jsessionid=" in parts.path.lower() else "a highlight (#:~:text=)"
        return "tracking", f"carries {marked}, which says how it was read, not which document: drop it"
    if TRACKING_FRAGMENT.match(parts.fragment):
        return (
            "tracking",
            f"carries '#{parts.fragment[:30]}', a sharing service's tag, not part of the document: drop it",
        )
    credentials = [k for k, _ in parse_qsl(parts.query, keep_blank_values=True) if k.casefold() in CREDENTIALS]
    if credentials:
        return (
            "credentials",
            f"carries {', '.join(repr(k) for k in credentials)}, a key to someone's access: a link that needs it "
            "expires, or gives the access away; cite the link without it",
        )
    if GOOGLE.fullmatch(host):
        what = next((w for path, w in GOOGLE_PATHS.items() if parts.path.startswith(path)), None)
        if what:
            return "indirect", f"is on {host}: {what}; cite the document's own link"
    if inner:
        return (
            "indirect",
            f"carries another link ({url[inner.start() : inner.start() + 40]}...): a viewer, proxy or redirect on "
            f"{host} serves the document that link names; cite that link",
        )
    on_site = next((names for site, names in SITE_TRACKING.items() if host == site or host.endswith("." + site)), ())
    tracking = (
        [k for k, _ in parse_qsl(parts.query, keep_blank_values=True) if is_tracking(k) or k in on_site]
        if parts.query
        else []
    )
    if tracking:
        return (
            "tracking",
            f"carries {', '.join(repr(k) for k in tracking)} (how a reader arrived, not which document): the "
            f"document's link is the same without {'it' if len(tracking) == 1 else 'them'}",
        )
    return None


def _site(host: str) -> str:
    """A host as the site it names: without a trailing dot or a leading ``www.``, ``m.``, ``mobile.``, ``amp.`` or
    ``m-`` (a site's mobile or AMP edition: Yonhap's m-en.yna.co.kr is en.yna.co.kr)."""
    return re.sub(r"^(?:(?:www|m|mobile|amp)\.|m-)", "", host.rstrip("."))


def site_of(url: str) -> str | None:
    """The site a link is on (its host, lower-cased, without ``www.``, ``m.``, ``mobile.``, ``amp.`` or ``m-``), or
    ``None``.

    >>> site_of("https://M.Yna.co.kr/view/AEN2024"), site_of("not a link")
    ('yna.co.kr', None)
    """
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    return _site(host) if host else None


def never_with_problems(table: Table, entry: dict[str, Any]) -> list[Problem]:
    """Rows of a group that hold a value the group may not hold (``x-never-with``: a publisher that publishes news
    reports publishes no official documents, so a news page reporting an official's statement is ``reporting``, not
    ``document``). Rows are grouped by ``by``; in a group where some row's ``when`` field holds one of its values,
    no row's ``field`` holds one of ``values``."""
    problems = []
    for rule in entry.get("x-never-with", []):
        when, by, field = rule["when"], rule["by"], rule["field"]
        marked: dict[str, int] = {}
        for line, record in table.records:
            if record[when["field"]] in when["values"]:
                marked.setdefault(record[by], line)
        problems += [
            Problem(
                table.path,
                line,
                field,
                "never-with",
                f"value {record[field]!r}, but {by} {record[by]!r} has a row whose {when['field']} is one of "
                f"{when['values']} (line {marked[record[by]]}): {rule['why']}",
            )
            for line, record in table.records
            if record[field] in rule["values"] and record[by] in marked
        ]
    return sorted(problems, key=lambda p: p.line or 0)


def site_problems(table: Table, entry: dict[str, Any], unread: Unread = frozenset()) -> list[Problem]:
    """Rows whose link is on a site that most other rows give another value of a field (``x-site-determines``: the
    publisher of a source): a link pasted from another row, or the value mistyped. The value most rows of a site
    give is the site's (the first such row wins a tie); each row that differs is reported. Sites named as
    ``carriers`` print other outlets' texts under their bylines (a wire story carried by a broadcaster's site) and
    are exempt; a web archive's snapshot is judged by the page it archived, so only the archives whose links do not
    name that page stay exempt."""
    rule = entry.get("x-site-determines")
    if not rule:
        return []
    field, carriers = rule["field"], rule.get("carriers", [])
    by_site: dict[str, list[tuple[int, str]]] = {}
    for line, record in table.records:
        link = archived_link(record[rule["url"]])
        site = site_of(link)
        if site and record[field] and not on_domain(link, carriers) and (line, field) not in unread:
            by_site.setdefault(site, []).append((line, record[field]))
    problems = [
        Problem(
            table.path,
            line,
            field,
            "site",
            f"value {value!r}, but the link is on {site}, whose {field} is {usual!r} ({count} row(s), first on line "
            f"{first}): one site, one {field} (a link pasted from another row, or the {field} mistyped?)",
        )
        for site, rows in by_site.items()
        for line, value, usual, count, first in odd_ones_out(rows)
    ]
    return sorted(problems, key=lambda p: p.line or 0)


def archived_link(url: str) -> str:
    """The link a web archive's snapshot archived (see :func:`snapshot`; a scheme written percent-encoded is read),
    or ``url`` itself if it is not a snapshot.

    >>> archived_link("https://web.archive.org/web/20240618000000id_/https://tass.com/p/1")
    'https://tass.com/p/1'
    >>> archived_link("https://web.archive.org/web/https%3A%2F%2Ftass.com%2Fp%2F1")
    'https://tass.com/p/1'
    >>> archived_link("https://tass.com/p/1")
    'https://tass.com/p/1'
    """
    kept = snapshot(url.strip())
    if not kept:
        return url
    return unquote(kept[1]) if EMBEDDED_LINK.match(kept[1]).group().count("%") else kept[1]


def document_key(url: str) -> str:
    """The form two links are compared in to tell whether they name one document: compared as keys are (Unicode
    NFKC, case-folded), and without what does not change the document: http or https, a leading ``www.``, ``m.``,
    ``mobile.`` or ``amp.``, a path segment ``amp`` or a path ending ``.amp`` (a site's mobile or AMP edition), a
    regional edition's host (:data:`EDITION`), a trailing dot of the host, a default port, a doubled or trailing
    slash, a folder's index page or a print layout at the path's end (:data:`SAME_PAGE_TAIL`), percent-encoding,
    spaces at either end of a path segment, a fragment, the order and case of query parameters, the parameters in
    :data:`NOT_SELECTING` (tracking, layout, a site's navigation section) and a first page (``page=1``). A web
    archive's snapshot (``web.archive.org/web/<time>/<link>``) is the document it archived.

    >>> document_key("http://WWW.rfa.org:80/korean/a.html/#top") == document_key("https://rfa.org/korean/a.html")
    True
    >>> document_key("http://m.a.ru/n/1.html?forcesite=mobile&utm_source=x") == document_key("https://a.ru/n/1.html")
    True
    >>> document_key("https://a.kr/v.htm?lang=e&Seq=1") == document_key("https://a.kr/v.htm?Seq=1&lang=e")
    True
    >>> document_key("https://tass.com/politics/1804627/amp") == document_key("https://tass.com/politics/1804627")
    True
    >>> document_key("https://amp.a.kr/amp/n/1.amp?outputType=amp") == document_key("https://a.kr/n/1")
    True
    >>> document_key("https://in.reuters.com/a/b//c/index.html?ref=hp&page=1") == document_key("https://reuters.com/a/b/c")
    True
    >>> document_key("https://rbc.ru/news/5a32%20") == document_key("https://rbc.ru/news/5a32")
    True
    >>> document_key("https://en.kremlin.ru/events/1") == document_key("https://kremlin.ru/events/1")  # a translation
    False
    >>> document_key("https://a.kr/v.htm?Seq=1") == document_key("https://a.kr/v.htm?Seq=2")
    False
    >>> document_key("http://a.kr/v.htm?lang=e&Seq_Code=7") == document_key("http://a.kr/v.htm?seq_code=7&lang=e")
    True
    >>> document_key("https://m-en.yna.co.kr/view/A1?section=nk") == document_key("https://en.yna.co.kr/view/A1")
    True
    >>> document_key("https://web.archive.org/web/20240618000000/https://tass.com/p/1") == document_key("https://tass.com/p/1")
    True
    >>> document_key("https://[not-a-host/a")  # a malformed link is compared as written
    'https://[not-a-host/a'
    """
    archived = archived_link(url)
    if archived != url:
        return document_key(archived)
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:  # not a well-formed link (the link rule says so): compared as it is written
        return key_of(url)
    host = EDITION.sub("", _site(parts.hostname or ""))
    where = host if port in (None, 80, 443) else f"{host}:{port}"
    pairs = sorted(
        (k.casefold(), v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not (k.casefold() in NOT_SELECTING or is_tracking(k) or (k.casefold(), v) == ("page", "1"))
    )
    query = "?" + "&".join(f"{k}={v}" for k, v in pairs) if pairs else ""
    segments = (part.strip() for part in unquote(parts.path).split("/"))  # " " pasted at a segment's end ("%20")
    path = "".join(f"/{part}" for part in segments if part and part.casefold() != "amp")
    path = SAME_PAGE_TAIL.sub("", re.sub(r"\.amp$", "", path, flags=re.IGNORECASE))
    return key_of(f"{where}{path}{query}")


def shared_url_problems(table: Table, entry: dict[str, Any]) -> list[Problem]:
    """Rows sharing a URL that are not versions of one database (``x-url-versions-by``: rows whose kind is one of
    ``values`` in ``field``, told apart by their ``date``): one document registered twice, which would count one
    report as two.

    URLs are compared by :func:`document_key` (``http://www.a.org/x/`` and ``https://a.org/x`` are one document);
    a row without that date, or of another kind (a news report), shares its URL with nothing.
    """
    rule = entry.get("x-url-versions-by")
    if not rule:
        return []
    by = rule["date"]
    problems = []
    for name in url_fields(entry):
        seen: dict[str, list[tuple[int, str]]] = {}
        for line, record in table.records:
            if not record[name]:
                continue
            earlier = seen.setdefault(document_key(record[name]), [])
            version = record[by] if record[rule["field"]] in rule["values"] else ""
            clash = next((other for other, date in earlier if not version or not date or date == version), None)
            if clash is not None:
                problems.append(
                    Problem(
                        table.path,
                        line,
                        name,
                        "duplicate-url",
                        f"value {record[name]!r} is already the URL of line {clash}: merge the two rows into one "
                        f"source (rows may share a URL only as versions of one database, {rule['field']} "
                        f"{' or '.join(rule['values'])}, with different {by} dates)",
                    )
                )
            earlier.append((line, version))
    return problems
