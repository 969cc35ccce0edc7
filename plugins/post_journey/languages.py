"""The language of a post or page as HTML writes it (en-GB) and by its own name (Français). Pure functions."""

import re

# Each language by the name its readers know it by; a language not here is shown by its code.
LANGUAGE_NAMES = {
    "ar": "العربية", "bg": "Български", "cs": "Čeština", "cy": "Cymraeg", "da": "Dansk", "de": "Deutsch",
    "el": "Ελληνικά", "en": "English", "es": "Español", "fi": "Suomi", "fr": "Français", "ga": "Gaeilge",
    "gd": "Gàidhlig", "he": "עברית", "hi": "हिन्दी", "hu": "Magyar", "it": "Italiano", "ja": "日本語",
    "ko": "한국어", "lt": "Lietuvių", "nb": "Norsk bokmål", "nl": "Nederlands", "no": "Norsk", "pl": "Polski",
    "pt": "Português", "ro": "Română", "ru": "Русский", "sk": "Slovenčina", "sv": "Svenska", "tr": "Türkçe",
    "uk": "Українська", "zh": "中文",
}
TAG = re.compile(r"[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*", re.IGNORECASE)


class LanguageError(ValueError):
    """A post's or page's Lang is not a language code; key names the detail."""

    def __init__(self, message, key="lang"):
        super().__init__(message)
        self.key = key


def language_tag(lang):
    """Return lang as HTML writes it: the language in small letters, a region in capitals (en-gb, en_GB: en-GB)."""
    text = str(lang).strip()
    if not TAG.fullmatch(text):
        raise LanguageError(f"'Lang: {text}' is not a language code — write the language's two-letter code, "
                            "e.g. 'Lang: fr' for French or 'Lang: de' for German")
    language, *rest = text.replace("_", "-").split("-")
    return "-".join([language.lower(), *(part.upper() if len(part) == 2 else part.lower() for part in rest)])


def language(lang):
    """Return {'tag', 'name'} for lang: the name in the language itself, or the tag when not known."""
    tag = language_tag(lang)
    return {"tag": tag, "name": LANGUAGE_NAMES.get(tag.split("-")[0], tag)}
