"""Structured data (schema.org, as JSON-LD) for the practice, its therapist and each post."""

import re
from html import unescape

# A soft tissue therapist's practice is a health business, not a medical one; the
# schema.org type for physiotherapy would claim a profession she does not practise.
BUSINESS_TYPE = "HealthAndBeautyBusiness"


def language_tag(lang):
    """Return a language tag with its region in capitals (Pelican lowercases it): en-GB."""
    language, _, region = lang.partition("-")
    return f"{language}-{region.upper()}" if region else language


def absolute(settings, path):
    """Return the site address of path (relative to the site's root)."""
    return f"{settings.get('SITEURL', '')}/{path}"


def page_address(settings, slug):
    """Return the address of the page with this slug."""
    return absolute(settings, settings["PAGE_URL"].format(slug=slug))


def business(settings):
    """Return the practice as a LocalBusiness (the subtype BUSINESS_TYPE)."""
    links = settings["CONTACT_LINKS"]
    location = settings["PRACTICE_LOCATION"]
    prices = [option["price"] for service in settings["PRACTICE_SERVICES"] for option in service["options"]]
    data = {
        "@context": "https://schema.org",
        "@type": BUSINESS_TYPE,
        "@id": absolute(settings, "#practice"),
        "name": settings["PRACTICE_NAME"],
        "description": settings.get("SITESUBTITLE", ""),
        "url": absolute(settings, ""),
        "telephone": links["phone"]["href"].removeprefix("tel:"),
        "email": links["email"]["address"],
        "address": {
            "@type": "PostalAddress",
            "addressLocality": settings["PRACTICE_LOCALITY"],
            "addressRegion": settings["PRACTICE_REGION"],
            "postalCode": settings["PRACTICE_POSTCODE"],
            "addressCountry": settings["PRACTICE_COUNTRY"],
        },
        "geo": {"@type": "GeoCoordinates", "latitude": location["latitude"], "longitude": location["longitude"]},
        "areaServed": settings["PRACTICE_AREA_SERVED"],
        "openingHoursSpecification": [
            {"@type": "OpeningHoursSpecification", "dayOfWeek": entry["days"], "opens": entry["opens"],
             "closes": entry["closes"]}
            for entry in settings["PRACTICE_HOURS"]
        ],
        "priceRange": f"£{min(prices):g}–£{max(prices):g}",
        "founder": {"@id": page_address(settings, settings["ABOUT_PAGE"]) + "#person"},
    }
    if settings.get("SHARE_IMAGE_SITE"):
        data["image"] = absolute(settings, settings["SHARE_IMAGE_SITE"])
    if links["booking"]:
        data["potentialAction"] = {"@type": "ReserveAction", "target": links["booking"]["href"]}
    if settings.get("PRACTICE_SINCE"):
        data["foundingDate"] = str(settings["PRACTICE_SINCE"])
    return data


def insurance(settings):
    """Return her professional indemnity insurance as a credential, recognised by her insurer if she names it."""
    data = {"@type": "EducationalOccupationalCredential", "credentialCategory": "Professional indemnity insurance",
            "name": settings["PRACTICE_INSURANCE"]}
    if settings.get("PRACTICE_INSURER"):
        data["recognizedBy"] = {"@type": "Organization", "name": settings["PRACTICE_INSURER"]}
    return data


def membership(entry):
    """Return a membership of a named body as a ProgramMembership, with her number and the body's register."""
    data = {"@type": "ProgramMembership", "hostingOrganization": {"@type": "Organization", "name": entry["body"]}}
    if entry["number"]:
        data["membershipNumber"] = entry["number"]
    if entry["register"]:
        data["url"] = entry["register"]
    return data


def person(settings):
    """Return the therapist as a Person, with her qualifications, insurance and memberships."""
    about = page_address(settings, settings["ABOUT_PAGE"])
    data = {
        "@context": "https://schema.org",
        "@type": "Person",
        "@id": about + "#person",
        "name": settings["AUTHOR"],
        "jobTitle": settings["AUTHOR_JOB_TITLE"],
        "description": settings["AUTHOR_BIO"],
        "url": about,
        "worksFor": {"@id": absolute(settings, "#practice"), "name": settings["PRACTICE_NAME"]},
        "hasCredential": [
            *({"@type": "EducationalOccupationalCredential", "name": name}
              for name in settings["PRACTICE_QUALIFICATIONS"]),
            insurance(settings),
        ],
    }
    # A membership written as a sentence names no body a reader could look up: it stays off.
    members = [membership(entry) for entry in settings["PRACTICE_MEMBERSHIPS"] if entry["body"]]
    if members:
        data["memberOf"] = members
    return data


def plain(html):
    """Return the text of a bit of HTML (a summary), for places that take plain text."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html or ""))).strip()


def blog_posting(article, settings):
    """Return a post as a BlogPosting."""
    url = absolute(settings, article.url)
    data = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": article.title,
        "description": plain(article.summary),
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": article.date.isoformat(),
        "dateModified": (getattr(article, "modified", None) or article.date).isoformat(),
        "inLanguage": language_tag(getattr(article, "lang", None) or settings["DEFAULT_LANG"]),
        "author": {"@type": "Person", "@id": page_address(settings, settings["ABOUT_PAGE"]) + "#person",
                   "name": settings["AUTHOR"], "url": page_address(settings, settings["ABOUT_PAGE"])},
        "publisher": {"@type": BUSINESS_TYPE, "@id": absolute(settings, "#practice"),
                      "name": settings["PRACTICE_NAME"]},
    }
    cover = getattr(article, "cover", None)
    if cover or getattr(article, "share_image", None):
        data["image"] = absolute(settings, cover["share"] if cover else article.share_image)
    if getattr(article, "reviewed", None):  # a health page reviewed on a date (post_journey plugin)
        data["@type"] = "MedicalWebPage"
        data["lastReviewed"] = article.reviewed.date().isoformat()
        if getattr(article, "reviewed_by", None):
            data["reviewedBy"] = {"@type": "Person", "name": article.reviewed_by}
    if getattr(article, "category", None):
        data["articleSection"] = str(article.category)
    if getattr(article, "tags", None):
        data["keywords"] = [str(tag) for tag in article.tags]
    return data
