"""One occupation's profile: O*NET's tasks (11-9111), skills, knowledge, work styles, technology, interests and
education, BLS's national pay, and for 11-9111 the Handbook's duties, qualities and work environment."""

from __future__ import annotations

from rich.text import Text

from ..models import ONET_ATTRIBUTION, OnetRating
from ..occupations import OccupationProfile
from ..vocabulary import background_label
from .human import Human, count, wage_text
from .moving import education_text


def _ratings(h: Human, title: str, ratings: tuple[OnetRating, ...], level: bool = True) -> None:
    if not ratings:
        return
    t = h.table(title)
    t.add_column("name", min_width=12)
    t.add_column("importance", justify="right", no_wrap=True)
    if level:
        t.add_column("level", justify="right", no_wrap=True)
    for r in ratings:
        cells = [r.name, f"{r.importance:.2f}"]
        if level:
            cells.append(f"{r.level:.2f}" if r.level is not None and not r.not_relevant else "not relevant")
        t.add_row(*cells)
    h.print_table(t)


def show_occupation_profile(h: Human, p: OccupationProfile) -> None:
    e, n = p.occupation, p.national
    h.cite([p.release.source], p.release.name)
    h.heading(f"{e.title} ({e.soc})")
    h.line(Text(f"National pay (OEWS {p.release.name}, all industries): {count(n.employment, n, 'employment')} jobs; "
                f"median {wage_text(n, 'median', False, p.release)}, mean {wage_text(n, 'mean', False, p.release)}."))
    if e.background:
        h.line(Text(f"hmcareer counts it as the background {background_label(e.background)}: {e.why}", style="dim"))
    if p.related_to_managers:
        listed = "; ".join(f"{r.title} ({r.onet_soc}; O*NET's tier {r.tier}, rank {r.index})" for r in p.related_to_managers)
        h.line(Text(f"O*NET lists it among the occupations related to 11-9111: {listed}.", style="dim"))
    handbook = p.handbook
    if handbook is not None:
        h.line()
        h.heading("What they do (BLS Occupational Outlook Handbook)")
        h.bullets(h.fact(f) for f in handbook.duties)
    onet = p.onet
    if onet is None:
        h.line(Text("hmcareer bundles no O*NET profile for this occupation.", style="dim"))
        return
    h.cite([onet.source])
    h.line()
    if onet.note:
        h.line(Text(onet.note, style="dim"))
    if onet.tasks:
        h.heading(f"Tasks (O*NET {onet.onet_soc}; core first)")
        tasks = sorted(onet.tasks, key=lambda t: (not t.core, t.task_id))
        h.bullets(Text(t.text) + Text(" (core)" if t.core else " (supplemental)", style="dim") for t in tasks)
        h.line()
    if not (onet.skills or onet.knowledge or onet.work_styles):
        h.line(Text(f"O*NET 29.3 gives no skill, knowledge or work-style ratings for {onet.onet_soc}.", style="dim"))
    _ratings(h, f"Top skills (O*NET {onet.onet_soc}: importance 1-5, level 0-7)", p.skills)
    _ratings(h, "Top knowledge", p.knowledge)
    _ratings(h, "Work styles (importance 1-5)", p.work_styles, level=False)
    if p.left_out:
        h.line(Text(f"{p.left_out} rating(s) O*NET recommends suppressing are left out.", style="dim"))
    h.line()
    if p.technology:
        hot = sum(bool(t.hot) for t in onet.technology)
        h.heading(f"Technology ({len(p.technology)} of {len(onet.technology)} examples; {hot} Hot Technology; hot first)")
        h.bullets(Text(t.example) + Text(f" ({t.commodity_title}" + ("; hot" if t.hot else "") + ")", style="dim")
                  for t in p.technology)
        h.line()
    if onet.interests:
        interests = sorted(onet.interests, key=lambda i: -i.value)
        h.line(Text("Interests (O*NET, 1-7): ", style="bold") + Text(", ".join(f"{i.name} {i.value:g}" for i in interests)))
    zone = f"job zone {onet.job_zone.zone} ({onet.job_zone.name.split(': ')[-1]})" if onet.job_zone else "no job zone"
    h.line(Text("Preparation: ", style="bold") + Text(f"{zone}; required education: {education_text(p.education, 4)}"))
    if handbook is not None:
        h.line()
        h.heading("Important qualities (BLS Occupational Outlook Handbook)")
        for q in handbook.qualities:
            h.cite(q.sources)
            h.hanging("  ", Text(f"{q.name}: ", style="bold") + Text(q.text) + Text(f" [{', '.join(q.sources)}]", style="dim"))
        h.line()
        h.heading("Work environment")
        h.bullets(h.fact(f) for f in handbook.work_environment)
    h.line()
    h.line(Text(f"{ONET_ATTRIBUTION}.", style="dim"))
