"""Find my fit, career paths from a background, and search: queries and commands."""

from __future__ import annotations

import json

import pytest
from conftest import step_of

from hmcareer import matching
from hmcareer.errors import Ambiguous, NotFound, TooShort, UsageError, describe
from hmcareer.explore import explain
from hmcareer.search import search


def ranked(catalog, **answers):
    report = matching.match_roles(catalog, matching.make_profile(**answers))
    return report, [m.role.id for m in report.matches]


def reasons(report, role_id):
    return [(r.points, r.text) for m in report.matches if m.role.id == role_id for r in m.reasons]


def steps(match_or_plan):
    return [(c.step.step, c.step.ref, c.status) for c in match_or_plan.steps]


def test_nurse_into_long_term_care(catalog):
    report, order = ranked(catalog, background="nurse", degree="bachelor", years=4, interests=["leadership", "ltc"])
    assert order[:2] == ["nursing-home-administrator", "clinical-manager"]
    assert report.matches[0].score == 7
    assert reasons(report, "nursing-home-administrator") == [
        (3, "background Nurse (RN, LPN): one this role commonly draws on"),
        (2, "interest People leadership: central to this role"),
        (2, "interest Long-term care: central to this role"),
        (0, "requires a state nursing home administrator licence"),
    ]
    assert reasons(report, "clinical-manager")[-1] == (
        1, "you hold a clinical licence (assumed from your background); this role usually draws on clinical practice")
    nha = report.matches[0]
    # A bachelor's of any field may not be the one a state asks for: "check", not "done".
    # A nurse's assumed licence is a clinical one; whether they also hold an NHA licence, the answers do not say.
    assert steps(nha)[:3] == [("degree", "bachelor-health-admin", "check"), ("experience", None, "check"),
                              ("licence", "nha-licence", "unknown")]
    assert [c.step.ref for c in nha.unknown] == ["nha-licence"]
    small = next(m for m in report.matches if m.role.id == "small-facility-manager")
    assert steps(small)[0] == ("degree", "bachelor-health-admin", "done")  # "or another bachelor's degree"
    assert small.steps[0].why == "you have a bachelor's degree, and any field counts here"
    assert report.profile.licences == ("clinical",) and report.profile.licence_assumed


def test_records_clerk_with_associate_degree(catalog):
    report, order = ranked(catalog, background="records", degree="associate", years=2, licences=["none"],
                           interests=["data"])
    assert order[0] == "health-information-manager" and report.matches[0].score == 5
    him = report.matches[0]
    assert steps(him)[0] == ("degree", "bachelor-him", "to do")
    chps = next(c for c in him.steps if c.step.ref == "chps")
    # CHPS asks 4 years in privacy or security with an associate degree: 2 years cannot be enough.
    assert chps.status == "not yet" and "4 years of work in healthcare privacy or security management (missing)" in chps.why


def test_student_with_nothing_yet(catalog):
    report, order = ranked(catalog, background="student", degree="high-school", years=0, licences=["none"])
    assert set(order[:3]) == {"assistant-administrator", "health-information-manager", "nursing-home-administrator"}
    for m in report.matches[:3]:
        assert all(c.status == "to do" for c in m.to_do)
        # Missouri and Montana license administrators with a high-school diploma and experience: "check", not "to do".
        assert any(c.step.step == "degree" for c in m.to_do) == (m.role.id != "nursing-home-administrator")
    clinical = next(m for m in report.matches if m.role.id == "clinical-manager")
    # The usual route is clinical practice, but no licence is required: "check", not "to do".
    assert steps(clinical)[0] == ("experience", None, "check")
    assert reasons(report, "clinical-manager")[-1] == (
        0, "usually filled from clinical practice in the specialty, though no licence is required (you have none)")


def test_unanswered_questions_are_unknown_not_failed(catalog):
    report, order = ranked(catalog)
    assert all(m.score == 0 for m in report.matches)
    nha = next(m for m in report.matches if m.role.id == "nursing-home-administrator")
    assert steps(nha)[:3] == [("degree", "bachelor-health-admin", "unknown"), ("experience", None, "unknown"),
                              ("licence", "nha-licence", "unknown")]


def test_certification_pathways_pick_the_closest(catalog):
    credential = {x.id: x for x in catalog.credentials}
    nurse_exec = matching.make_profile("rn", "bsn", 9, manager_years=6, executive_years=4)
    check = matching.check_credential(credential["cenp"], nurse_exec, catalog.sources)
    # the BSN route, not the master's one
    assert check.status == "in reach" and check.best.requirement.executive_years == 4
    check = matching.check_credential(credential["fache"], matching.make_profile("administrative", "master", 8, manager_years=6,
                                                                                  executive_years=5), catalog.sources)
    assert check.status == "check with the issuer"  # every stated rule shown but an executive post now
    assert check.best.conditions[-1].wanted == "an executive-level healthcare management post now"
    # Years of work are not years as an executive.
    check = matching.check_credential(credential["fache"], matching.make_profile(degree="master", years=6), catalog.sources)
    assert check.status == "unknown"
    assert matching.check_credential(credential["cphq"], matching.Profile(), catalog.sources).status == "open"


def test_a_licence_held_does_not_prove_the_steps_before_it(catalog):
    # A licence shows the user met their own state's rules, which may not be these steps (an associate route, no AIT).
    plan = matching.plan_path(catalog, "nha", matching.make_profile("administrative", "bachelor", 5, ["nha"]))
    assert steps(plan)[:3] == [("degree", "bachelor-health-admin", "check"), ("experience", None, "check"),
                               ("licence", "nha-licence", "done")]
    assert plan.steps[0].why == "you hold the licence, so you met your state's rules for it, which may differ from this step"
    plan = matching.plan_path(catalog, "nha", matching.make_profile("administrative", "mha", 5, ["nha"]))
    assert steps(plan)[0] == ("degree", "bachelor-health-admin", "done")  # shown by the degree itself
    hse = step_of(plan, "hse")
    # NAB's pathway asks for a bachelor's from an HSE-accredited program, which no answer can show.
    assert hse.status == "check with the issuer" and "the degree from an HSE-accredited program (check: " in hse.why


@pytest.mark.parametrize(("typed", "found"), [("leadership", "leadership"), ("long-term care", "long-term-care"),
                                              ("ltc", "long-term-care"), ("billing", "finance"), ("Data", "data")])
def test_interest_words_are_forgiving(typed, found):
    assert matching.find_interest(typed) == found


@pytest.mark.parametrize(("typed", "found"), [("RN", "nurse"), ("billing", "billing"), ("medical records", "records"),
                                              ("coder", "records"), ("biller", "billing"), ("Student", "student")])
def test_background_words_are_forgiving(typed, found):
    assert matching.find_background(typed) == found


def test_a_word_names_one_background_wherever_it_is_typed(catalog):
    """A background's words and the occupations' names agree: `match --from coder` and `switch --from coder` (and
    `--occupation coder`) all mean medical records specialists' background."""
    from hmcareer.occupations import find_occupation
    from hmcareer.vocabulary import FIT_BACKGROUNDS

    for background, (_, words) in FIT_BACKGROUNDS.items():
        for word in (background, *words):
            try:
                entry = find_occupation(catalog, word)
            except (NotFound, Ambiguous):
                continue
            assert entry.background == background, (word, entry.soc)


def test_unknown_values_list_the_valid_ones():
    with pytest.raises(NotFound) as exc:
        matching.find_interest("golf")
    assert describe(exc.value) == ("unknown interest 'golf'. Valid --interest values: finance, data, leadership, "
                                   "long-term-care, policy, quality, operations.", 2)
    assert explain(exc.value) == ("No interest matches 'golf'. Choose from: finance, data, leadership, long-term-care, "
                                  "policy, quality, operations.")
    with pytest.raises(UsageError) as exc:
        matching.make_profile(years=200)
    assert describe(exc.value) == ("--years must be between 0 and 70, not 200", 2)
    assert explain(exc.value) == "Type a number from 0 to 70."
    with pytest.raises(UsageError) as exc:
        matching.make_profile(licences=["none", "rn"])
    assert describe(exc.value) == ("--licence none cannot be combined with a licence", 2)


def test_match_command_json(hm):
    r = hm("match", "--background", "nurse", "--degree", "bachelor", "--years", "4", "--interest", "data", "-f", "json")
    assert r.code == 0 and r.err == ""
    doc = json.loads(r.out)
    assert doc["kind"] == "match" and doc["schema"] == "hmcareer/1"
    assert doc["profile"] == {"background": "nurse", "degree": "bachelor", "years": 4, "licences": ["clinical"],
                              "interests": ["data"], "licence_assumed": True, "degree_field": None,
                              "manager_years": None, "executive_years": None, "occupation": None}
    assert doc["scoring"] == {"background": 3, "interest": 2, "licence": 1}
    first = doc["records"][0]
    assert (first["rank"], first["role"], first["score"]) == (1, "clinical-manager", 4)
    assert first["reasons"][0] == {"points": 3, "text": "background Nurse (RN, LPN): one this role commonly draws on"}
    cnml = next(s for s in first["steps"] if s["ref"] == "cnml")
    # 4 years as a nurse (RN or LPN), none said to be as a manager: not "in reach".
    assert cnml["status"] == "unknown" and cnml["checked_against"]["manager_years"] == 3
    assert cnml["conditions"] == [
        {"what": "licence", "wanted": "an RN licence", "state": "not said", "why": None},
        {"what": "degree", "wanted": "a bachelor's degree or higher", "state": "have", "why": None},
        {"what": "manager years", "wanted": "3 years as a manager in nursing, not as an executive", "state": "not said",
         "why": None}]
    assert {"aone-cnml", "ahima-chps"} & {s["id"] for s in doc["sources"]}


def test_match_command_table_and_errors(hm):
    r = hm("match", "--from", "billing", "-i", "finance", "--top", "1")
    assert r.code == 0
    assert "What Manager of a small facility still needs" in r.out
    assert "What Group medical practice manager still needs" not in r.out
    r = hm("match", "--interest", "golf")
    assert r.code == 2 and r.out == ""
    assert r.err == ("hmcareer: unknown interest 'golf'. Valid --interest values: finance, data, leadership, "
                     "long-term-care, policy, quality, operations.\n")
    r = hm("match", "--degree", "phd", "--licence", "license to kill")
    assert r.code == 2 and "Valid --licence values: rn, clinical, nha, none." in r.err


def test_paths_from_a_background(hm):
    r = hm("paths", "nha", "--from", "nurse", "--degree", "associate", "--years", "3")
    assert r.code == 0
    flat = " ".join(r.out.split())
    assert "Path to Nursing home administrator from Nurse (RN, LPN)" in flat
    # Alabama and Arizona take an associate degree with experience: not "to do" for certain.
    assert "[check] degree: Bachelor's degree in health administration" in flat
    assert "(usually a bachelor's degree; you have an associate degree, which some routes accept with more experience: " \
           "check the rules that apply to you)" in flat
    assert "[unknown] licence: NHA: Nursing home administrator licence" in flat
    assert "typically 6 months or 1,000 hours" in flat
    assert "role: Nursing home administrator" in flat and "then: NAB's Health Services Executive (HSE) qualification spans" in flat
    r = hm("paths", "clinical", "--from", "physician", "-f", "json")
    doc = json.loads(r.out)
    assert doc["kind"] == "plan" and doc["fits_background"] is True
    mha = next(s for s in doc["steps"] if s["ref"] == "mha")
    assert mha["duration"]["text"].startswith("Graduate health administration programs often take two to three years")
    assert mha["status"] == "unknown"
    r = hm("paths", "--from", "nurse")
    assert r.code == 2 and "--from needs a role" in r.err


def test_degree_notes_are_shown_with_the_length(hm):
    flat = " ".join(hm("paths", "assistant").out.replace("│", " ").split())
    assert "- also: MHA programs typically run 39 to 44 credits, or about two years of full-time study. (2012-07) " \
           "[third party, unconfirmed] [shoublade-mha-2012]" in flat
    flat = " ".join(hm("education", env={"COLUMNS": "200"}).out.split())
    assert "MHA programs typically run 39 to 44 credits, or about two years of full-time study." in flat


def test_plain_paths_show_degree_durations(hm):
    r = hm("paths", "assistant")
    flat = " ".join(r.out.replace("│", " ").split())
    assert "degree: Master of Health Administration (MHA) - usually needed for top executive posts - how long: " \
           "Graduate health administration programs often take two to three years" in flat


def test_search_groups_hits_by_kind(catalog):
    report = search(catalog, "nursing home")
    assert [(h.kind, h.id) for h in report.hits] == [
        ("role", "nursing-home-administrator"), ("credential", "CNHA"), ("credential", "NHA"), ("credential", "HSE"),
        ("association", "ACHCA"), ("industry", "623100")]
    assert [h.matched for h in report.hits][:3] == ["id", "name", "name"]
    assert [h.kind for h in search(catalog, "cahme").hits][-1] == "accreditor"
    assert search(catalog, "CAHME").hits[-1].matched == "abbreviation"
    assert search(catalog, "pharma").hits[0].id == "325400"
    assert search(catalog, "zzzz").hits == ()
    with pytest.raises(UsageError) as exc:
        search(catalog, "?")
    assert describe(exc.value) == ("give a search word of at least 2 letters (a-z) or digits, e.g. hmcareer search billing", 2)


def test_search_command(hm):
    r = hm("search", "quality")
    assert r.code == 0
    assert "Credentials (1)" in r.out and "Certified Professional in Healthcare Quality" in r.out
    assert "Associations (1)" in r.out and "NAHQ" in r.out
    r = hm("search", "zzzz")
    assert r.code == 0 and "Nothing matches 'zzzz'." in r.out
    doc = json.loads(hm("search", "long-term", "care", "-f", "json").out)
    assert doc["term"] == "long-term care"
    assert doc["records"][0] == {"kind": "role", "id": "nursing-home-administrator", "label": "Nursing home administrator",
                                 "matched": "alias", "snippet": "long-term care administrator", "source": None}
    r = hm("search", "-f", "csv", "rhia")
    assert r.out.splitlines()[0] == "kind,id,label,matched,snippet,source,attribution"


def test_match_without_answers_outside_a_terminal_is_a_usage_error(hm):
    r = hm("match")
    assert r.code == 2 and r.out == ""
    assert r.err.startswith("hmcareer: give at least one answer, e.g. --background nurse --interest leadership")


def test_why_texts_read_naturally(catalog):
    plan = matching.plan_path(catalog, "health-agency", matching.make_profile("public-health", "master", 2))
    cphq = step_of(plan, "cphq")
    assert (cphq.status, cphq.why) == ("open", "no formal prerequisites; 2 or more years in healthcare quality recommended")
    plan = matching.plan_path(catalog, "him", matching.make_profile("billing", "associate", 0))
    chps = step_of(plan, "chps")
    assert chps.why == "an associate degree or higher (have); 4 years of work in healthcare privacy or security " \
                       "management (missing); an RHIT, CCA, CCS or CCS-P counts like the associate degree"
    assert plan.steps[0].why == "needs a bachelor's degree; you have an associate degree"
    rhia = step_of(plan, "rhia")
    assert (rhia.status, rhia.why) == ("check with the issuer", "its requirements are not broken down here; check with AHIMA")
    # NAB's own pathway is the HSE's only route here, and it starts from a bachelor's degree.
    plan = matching.plan_path(catalog, "nha", matching.make_profile("nurse", "associate", 5, ["nha"], manager_years=4))
    hse = step_of(plan, "hse")
    assert hse.status == "not yet"
    assert hse.why.startswith("a bachelor's degree or higher (missing); the degree from an HSE-accredited program (check: ")


def test_unknown_steps_are_counted_apart_from_steps_to_do(catalog):
    report = matching.match_roles(catalog, matching.make_profile(interests=["ltc"]))
    nha = report.matches[0]
    assert nha.role.id == "nursing-home-administrator"
    assert (len(nha.to_do), len(nha.unknown)) == (0, 3)


def test_search_needs_one_real_word_and_names_the_issuer(catalog):
    with pytest.raises(TooShort):
        search(catalog, "a b")
    fache = next(h for h in search(catalog, "ache").hits if h.id == "FACHE")
    assert (fache.matched, fache.snippet) == ("issuer", "ACHE")


def test_salary_industry_all_lists_industries(hm):
    doc = json.loads(hm("salary", "--industry", "all", "--top", "2", "-f", "json").out)
    assert doc["listing"] == "industries" and [r["industry_code"] for r in doc["rows"]] == ["31--34", "325000"]  # BLS's tree
    doc = json.loads(hm("salary", "--industry", "all", "--sort", "employment", "--top", "2", "-f", "json").out)
    assert [r["industry_code"] for r in doc["rows"]] == ["000001", "62--63"]  # totals rank with the rest, marked
    r = hm("salary", "-i", "all", "-s", "all")
    assert r.code == 2 and "list one kind at a time" in r.err
