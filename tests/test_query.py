"""Queries over the real bundled data, without the CLI."""

from __future__ import annotations

import pytest

from hmcareer import query, salary
from hmcareer.errors import Ambiguous, NotFound, UsageError, describe


@pytest.mark.parametrize(
    "value, expected",
    [
        ("nursing-home-administrator", "nursing-home-administrator"),
        ("Nursing Home Administrator", "nursing-home-administrator"),
        ("NHA", "nursing-home-administrator"),
        ("clinical", "clinical-manager"),
        ("HEALTH INFO", "health-information-manager"),
        ("group", "group-practice-manager"),
    ],
)
def test_find_role_by_id_title_alias_or_prefix(catalog, value, expected):
    assert query.find_role(catalog, value).id == expected


def test_unknown_role_suggests_close_matches(catalog):
    with pytest.raises(NotFound) as info:
        query.find_role(catalog, "clinicl manager")
    assert (info.value.kind, info.value.value) == ("role", "clinicl manager")
    assert "clinical-manager" in info.value.choices
    assert "hmcareer" not in str(info.value)  # queries say what went wrong; the CLI and the explorer phrase it
    assert describe(info.value) == ("unknown role 'clinicl manager'. Did you mean: clinical-manager, "
                                    "health-information-manager, assistant-administrator? Run `hmcareer roles` to list them.", 2)


def test_ambiguous_role_lists_candidates(catalog):
    with pytest.raises(Ambiguous) as info:
        query.find_role(catalog, "health")
    assert len(info.value.choices) > 1


def test_a_word_that_begins_one_title_and_is_in_others_is_ambiguous(catalog):
    # "manager" begins "Manager of a small facility" and is a word in five more titles and aliases: never a silent pick.
    with pytest.raises(Ambiguous) as info:
        query.find_role(catalog, "manager")
    assert info.value.choices == ("assistant-administrator", "small-facility-manager", "clinical-manager",
                                  "health-information-manager", "group-practice-manager")
    assert query.find_role(catalog, "small").id == "small-facility-manager"


def test_an_id_always_finds_its_own_item_and_a_shared_name_is_ambiguous():
    items = [("a", ("b",)), ("b", ("x",)), ("c", ("x",))]  # (id, aliases): a's alias is b's id; b and c share "x"

    def find(value):
        return query.lookup(items, value, lambda i: (i[0], *i[1]), "role", lambda i: i[0])

    assert find("b")[0] == "b"
    assert find("a")[0] == "a"
    with pytest.raises(Ambiguous) as info:
        find("x")
    assert info.value.choices == ("b", "c")


@pytest.mark.parametrize(
    "value, code",
    [("pharma", "325400"), ("hospitals", "622000"), ("general hospitals", "622100"), ("nursing", "623100"), ("physicians", "621100"),
     ("622100", "622100"), ("Pharmaceutical and Medicine", "325400"), ("NURSING HOMES", "623100")],
)
def test_find_industry_forms(catalog, value, code):
    assert query.find_industry(catalog, value).industry_code == code


def test_unknown_industry_is_a_usage_error_with_suggestions(catalog):
    with pytest.raises(NotFound) as info:
        query.find_industry(catalog, "pharmaceuticals")
    assert any("325400" in s for s in info.value.choices)


def test_national_figures_match_the_bls_extract(catalog):
    national = query.national_total(catalog)
    assert (national.employment, national.annual_mean, national.annual_median) == (597080, 140970, 123860)
    assert (national.hourly_mean, national.annual_p10, national.annual_p90) == (67.77, 73390, 224340)


def test_pharma_and_nursing_rows(catalog):
    pharma = query.find_industry(catalog, "pharma")
    assert (pharma.employment, pharma.hourly_mean, pharma.annual_mean) == (1660, 120.95, 251570)
    nursing = query.national_industry(catalog, "623100")
    assert (nursing.hourly_mean, nursing.annual_mean) == (55.17, 114750)


def test_not_published_cells_are_none_and_named(catalog):
    publishing = query.national_industry(catalog, "513000")
    assert publishing.employment == 130
    assert publishing.annual_mean is None and publishing.hourly_median is None
    assert "annual_mean" in publishing.not_published
    # Not applicable is not the same as not published:
    national = query.national_total(catalog)
    assert national.location_quotient is None and "location_quotient" not in national.not_published


def test_salary_report_with_industry_includes_its_checked_claim(catalog):
    report = salary.salary_report(catalog, ["pharma"])
    assert [e.industry_code for e in report.selected] == ["325400"]
    assert report.listing == () and report.listing_kind == ""
    assert [c.id for c in report.checked_claims] == ["pharma-pay"]
    assert report.release.name == "May 2025"


def test_salary_listing_sorted_and_limited(catalog):
    report = salary.salary_report(catalog, sort="mean", top=3)
    means = [e.annual_mean for e in report.listing]
    assert len(means) == 3 and means == sorted(means, reverse=True)
    assert report.listing[0].annual_mean >= 251570


def test_sort_puts_unpublished_last(catalog):
    rows = query.sort_estimates(query.national_rows(catalog), "mean")
    tail = [r for r in rows if r.annual_mean is None]
    assert tail and rows[-len(tail):] == tail


def test_unknown_sort_key(catalog):
    with pytest.raises(UsageError):
        query.sort_estimates(query.national_rows(catalog), "salary")


def test_credential_lookup_and_replacement(catalog):
    cpam = query.find_credential(catalog, "cpam")
    assert cpam.status == "replaced" and cpam.named_in_2012_text
    detail = query.credential_detail(catalog, cpam)
    assert {x.abbreviation for x in detail.replaced_by} <= {"CRCE", "CRCP"} and detail.replaced_by
    assert detail.credential.replacement_note is not None
    assert "inference" in detail.credential.replacement_note.text.lower()
    assert [c.subject_ref for c in detail.checked_claims] == ["cpam"]


def test_the_2012_texts_aaham_credentials_are_all_present(catalog):
    named = {x.abbreviation for x in catalog.credentials if x.named_in_2012_text}
    assert named == {"CPAM", "CCAM", "CPAT", "CCAT", "CCT"}
    assert query.find_credential(catalog, "CCT").status == "current"


def test_licence_is_kept_distinct(catalog):
    licences = [x.id for x in catalog.credentials if x.kind == "licence"]
    assert licences == ["nha-licence"]
    by_role = query.list_credentials(catalog, role="nha")
    assert "nha-licence" in {x.id for x in by_role.credentials}


def test_filter_by_body(catalog):
    aaham = query.list_credentials(catalog, body="aaham").credentials
    assert {x.abbreviation for x in aaham} >= {"CRCE", "CRCP", "CRCS", "CCT", "CRIP", "CPAM"}
    assert all(x.issuer_abbreviation == "AAHAM" for x in aaham)
    with pytest.raises(NotFound):
        query.list_credentials(catalog, body="nobody")


def test_role_detail_resolves_every_reference(catalog):
    detail = query.role_detail(catalog, query.find_role(catalog, "nursing-home-administrator"))
    assert detail.licence is not None and detail.licence.id == "nha-licence"
    assert "623100" in {e.industry_code for e in detail.industries}
    assert detail.national.annual_mean == 140970


def test_paths_run_from_degree_to_role(catalog):
    (path,) = query.role_paths(catalog, "nursing-home-administrator").paths
    kinds = [s.step for s in path.steps]
    assert kinds[0] == "degree" and "licence" in kinds
    assert [s.ref for s in path.steps if s.step == "licence"] == ["nha-licence"]
    assert len(query.role_paths(catalog).paths) == len(catalog.roles) == 7


def test_the_2012_texts_roles(catalog):
    named = {r.id for r in catalog.roles if r.named_in_2012_text}
    assert named == {"health-agency-administrator", "assistant-administrator", "small-facility-manager",
                    "clinical-manager", "health-information-manager", "group-practice-manager"}


def test_associations_include_the_2012_texts_six(catalog):
    named = {a.abbreviation for a in catalog.associations if a.named_in_2012_text}
    assert named == {"APHA", "AAHAM", "AHIMA", "AMA", "AMIA", "ASLME"}


def test_aupha_is_shown_as_certification_not_accreditation(hm):
    r = hm("education")
    assert "AUPHA certification" in r.out and "CAHME accreditation" in r.out and "AUPHA accreditation" not in r.out


def test_accents_and_commas_in_place_names(catalog, hm):
    assert query.find_metro(catalog, "mayaguez").area_name == query.find_metro(catalog, "Mayagüez").area_name
    assert "Mayag" in query.find_metro(catalog, "mayaguez").area_name
    r = hm("salary", "--metro", "springfield")
    assert r.code == 2 and "Springfield, IL; Springfield, MA;" in r.err


def test_a_metro_is_named_by_its_first_city(catalog):
    """"new york" is New York-Newark-Jersey City, not the nonmetro areas of the state; two metros that begin alike stay
    ambiguous, listed with "; " (their names hold commas)."""
    assert query.find_metro(catalog, "new york").area_name == "New York-Newark-Jersey City, NY-NJ"
    with pytest.raises(Ambiguous) as exc:
        query.find_metro(catalog, "portland")
    assert describe(exc.value) == ("metro 'portland' matches several: Portland-South Portland, ME; Portland-Vancouver-"
                                   "Hillsboro, OR-WA. Give more of the name, or the BLS area code.", 2)


def test_a_misspelt_city_gets_its_metro_suggested(catalog):
    with pytest.raises(NotFound) as exc:
        query.find_metro(catalog, "bostn")
    assert describe(exc.value)[0].startswith("unknown metro 'bostn'. Did you mean: Boston-Cambridge-Newton, MA-NH; ")
    with pytest.raises(NotFound) as exc:
        query.find_metro(catalog, "clevland")
    assert describe(exc.value)[0].startswith("unknown metro 'clevland'. Did you mean: Cleveland, TN; Cleveland, OH")
