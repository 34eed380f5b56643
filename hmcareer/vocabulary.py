"""The words a user answers find-my-fit questions with, and the one way names are compared.

Each vocabulary maps an id to its label and the other words a user may type for it. Roles'
fit traits (data/roles.yaml) and requirements (data/credentials.yaml) use the same ids, and the
catalog checks them against these tables.
"""

from __future__ import annotations

import re
import unicodedata

FIT_BACKGROUNDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "nurse": ("Nurse (RN, LPN)", ("rn", "lpn", "nursing", "registered nurse", "nurse manager", "charge nurse")),
    "physician": ("Physician", ("doctor", "md", "do")),
    "clinician": ("Other clinician (therapist, pharmacist, technologist...)",
                  ("therapist", "pharmacist", "technologist", "allied health", "physical therapist", "pt", "ot")),
    "billing": ("Billing or patient accounts", ("biller", "patient accounts", "revenue cycle")),
    # Coders are medical records specialists (29-2072) to O*NET and BLS, as `--occupation coder` says.
    "records": ("Medical records or health information", ("medical records", "health information", "him", "coder", "coding",
                                                          "medical coder")),
    "it": ("IT or data", ("data", "informatics", "information technology", "analyst")),
    "public-health": ("Public health or government", ("public health", "government", "epidemiology")),
    "business": ("Business or management outside healthcare", ("finance", "mba", "business manager")),
    "administrative": ("Healthcare office or administrative staff", ("admin", "office", "clerk", "front desk", "coordinator",
                                                                     "office manager", "practice manager")),
    "student": ("Student or recent graduate", ("graduate", "college", "school", "new grad")),
}
FIT_INTERESTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "finance": ("Finance and billing", ("billing", "money", "budgets", "revenue")),
    "data": ("Data and IT", ("it", "informatics", "technology", "records", "information")),
    "leadership": ("People leadership", ("people", "leading", "management", "managing people")),
    "long-term-care": ("Long-term care", ("ltc", "nursing homes", "aging", "elder care", "senior care")),
    "policy": ("Public policy", ("government", "public health", "regulation", "law")),
    "quality": ("Quality and patient safety", ("safety", "patient safety")),
    "operations": ("Operations", ("daily operations", "running a facility", "logistics")),
}
# Highest education, lowest first; a requirement is met by its level or any higher one.
# A nursing diploma (a hospital programme, not a degree) sits between: CNML accepts it like an associate degree, and
# nothing here asks for more than a high-school diploma below an associate degree. "diploma" alone names either one.
DEGREE_LEVELS: dict[str, tuple[str, tuple[str, ...]]] = {
    "none": ("No diploma yet", ("no", "no degree")),
    "high-school": ("High-school diploma", ("high school", "hs", "ged", "diploma")),
    "nursing-diploma": ("Nursing diploma (hospital programme)", ("diploma", "diploma rn", "rn diploma", "hospital diploma")),
    "associate": ("Associate degree", ("associates", "associate s", "adn", "aa", "as")),
    "bachelor": ("Bachelor's degree", ("bachelors", "bachelor s", "bsn", "ba", "bs")),
    "master": ("Master's degree", ("masters", "master s", "mha", "mba", "mph", "msn", "mpa")),
    "doctorate": ("Doctorate (PhD, MD, DNP...)", ("doctoral", "phd", "md", "dnp", "do")),
}
# The field of a user's highest degree; ids match the `field` of degrees in data/education.yaml (spaces as hyphens).
DEGREE_FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "nursing": ("Nursing", ("bsn", "msn", "adn", "dnp", "nurse")),
    "health-administration": ("Health administration or management", ("mha", "healthcare management", "health management")),
    "health-information-management": ("Health information management", ("him", "health information")),
    "public-health": ("Public health", ("mph",)),
    "public-administration": ("Public administration", ("mpa",)),
    "business-administration": ("Business administration", ("mba", "business", "bba")),
    "health-sciences": ("Health sciences", ()),
    "other": ("Another field", ("something else",)),
}
# Degree words that also name the field (--degree bsn is a bachelor's in nursing).
FIELD_OF_DEGREE_WORD = {"bsn": "nursing", "msn": "nursing", "adn": "nursing", "dnp": "nursing", "diploma rn": "nursing",
                        "rn diploma": "nursing", "mha": "health-administration", "mph": "public-health",
                        "mpa": "public-administration", "mba": "business-administration"}
# Kinds of work experience, in the user's answers and in requirements. Management years include executive years, and
# every year of work counts toward a requirement of plain years in the same field.
EXPERIENCE_LEVELS = ("any", "manager", "executive")
# The field a requirement's years must be in, in running text after "years of" / "in".
EXPERIENCE_FIELDS = {
    "healthcare": "healthcare", "nursing": "nursing", "revenue-cycle": "revenue cycle or patient accounts",
    "health-information": "health information", "privacy-security": "healthcare privacy or security management",
    "quality": "healthcare quality", "long-term-care": "long-term care administration",
}
# The fields a background's years are in by definition of the background; anything else is not shown by the answers.
FIELDS_OF_BACKGROUND = {
    "nurse": ("healthcare", "nursing"), "physician": ("healthcare",), "clinician": ("healthcare",),
    "billing": ("healthcare", "revenue-cycle"), "records": ("healthcare", "health-information"),
    "administrative": ("healthcare",), "it": (), "public-health": (), "business": (), "student": (),
}
# Licences a user can hold and a requirement can ask for; an RN licence is also a clinical one.
LICENCES: dict[str, tuple[str, tuple[str, ...]]] = {
    "rn": ("Registered nurse (RN) licence", ("nurse", "registered nurse", "nursing")),
    "clinical": ("Other clinical licence (LPN, physician, therapist, pharmacist...)", ("physician", "md", "therapist", "pt", "other")),
    "nha": ("Nursing home administrator licence", ("nursing home administrator", "ltc administrator")),
    "none": ("No licence", ("no", "nothing")),
}
LICENCE_SATISFIES = {"rn": {"rn", "clinical"}, "clinical": {"clinical"}, "nha": {"nha"}, "none": set()}
# Which LICENCES id a licence credential in data/credentials.yaml is.
LICENCE_OF_CREDENTIAL = {"nha-licence": "nha"}


# Letters that NFKD does not decompose into a base letter and marks, so that dropping what is not ASCII would drop them
# whole ("Kırşehir" would become "krsehir"): their usual ASCII spelling.
UNDECOMPOSED_LETTERS = str.maketrans({
    "ı": "i", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ß": "ss", "ẞ": "SS",
    "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "TH", "ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T",
    "ŋ": "ng", "Ŋ": "NG", "ĸ": "k", "ƒ": "f", "ƶ": "z", "Ƶ": "Z", "ɨ": "i", "Ɨ": "I",
})


def normalize(text: str) -> str:
    """Case-, accent-, punctuation- and spacing-insensitive form of a name, used for matching (Mayagüez = mayaguez,
    Kırşehir = kirsehir, Straße = strasse)."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).translate(UNDECOMPOSED_LETTERS).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def background_label(background: str | None) -> str | None:
    """A find-my-fit background's label ("Nurse (RN, LPN)"); None for no background or an unknown one."""
    return FIT_BACKGROUNDS[background][0] if background in FIT_BACKGROUNDS else None
