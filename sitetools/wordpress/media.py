"""Find her photos: in the media archive WordPress.com gives (a .zip, .tar or folder), or at their addresses.

Photos are known by their year/month/name path (2019/05/calf.jpg): the archive keeps them so, and
every address of one holds it (wp-content/uploads/2019/05/calf.jpg, her.files.wordpress.com/
2019/05/calf-600x400.jpg?w=600), with WordPress's resizing suffixes taken off.

An archive is untrusted: links in it are refused (they could copy any file of the computer), and
no file is copied past the size a blog's photo or video can be.
"""

import os
import re
import stat
import tarfile
import time
import urllib.request
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote, urlsplit

MEDIA_PATH = re.compile(r"(?:^|/)(\d{4}/\d{2}/[^/]+)$")
RESIZED = re.compile(r"-\d+x\d+(?=\.[A-Za-z0-9]+$)")
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".heif")
VIDEO_SUFFIXES = (".mp4", ".m4v", ".mov", ".webm", ".ogv")
# Her other uploads: audio, video and documents, published from content/media/.
MEDIA_SUFFIXES = (".mp3", ".m4a", ".ogg", ".oga", ".wav", ".flac", ".wma", *VIDEO_SUFFIXES, ".wmv", ".pdf", ".doc",
                  ".docx", ".odt", ".rtf", ".ppt", ".pptx", ".pps", ".ppsx", ".xls", ".xlsx", ".ods", ".key",
                  ".pages", ".numbers")
# The most one file may be: a phone's photo is under 20 MB, a blog's video clip well under 500 MB.
# Anything larger is not hers to publish but a bomb that would fill the disk.
MAX_PHOTO_BYTES = 50 * 2**20
MAX_VIDEO_BYTES = 500 * 2**20
CHUNK = 2**20
DOWNLOADS_AT_ONCE = 4
TIMEOUT = 20  # seconds for one download
TRIES = 3


def upload_key(address, suffixes=IMAGE_SUFFIXES + MEDIA_SUFFIXES):
    """Return the year/month/name of an upload of hers by its address or archive path, or None.

    Only names ending in one of suffixes count: by default her photos, audio, video and documents.
    """
    path = unquote(urlsplit(address).path) if "://" in address or address.startswith("/") else address
    match = MEDIA_PATH.search(path)
    if not match or re.search(r"[\x00-\x1f\\]", match[1]):  # no file name of hers holds these; they could name another
        return None
    return match[1] if PurePosixPath(match[1]).suffix.lower() in suffixes else None


def media_key(address):
    """Return the year/month/name of a photo's address or archive path ('2019/05/calf.jpg'), or None."""
    return upload_key(address, IMAGE_SUFFIXES)


def most_bytes(key):
    """Return the most bytes the file for key may have."""
    return MAX_VIDEO_BYTES if PurePosixPath(key).suffix.lower() in VIDEO_SUFFIXES else MAX_PHOTO_BYTES


class TooLarge(OSError):
    """A file larger than a blog's photo or video can be."""

    def __init__(self, key):
        kind = "video" if most_bytes(key) == MAX_VIDEO_BYTES else "photo"
        folder = "images" if PurePosixPath(key).suffix.lower() in IMAGE_SUFFIXES else "media"
        super().__init__(f"larger than {most_bytes(key) // 2**20} MB, more than a {kind} on a website can be — "
                         f"make a smaller copy, put it in content/{folder}/ and import again")


def copy_at_most(source, target, key):
    """Copy a binary file to target; raise TooLarge as soon as more bytes come than the file may have."""
    copied = 0
    with target.open("wb") as out:
        while chunk := source.read(CHUNK):
            copied += len(chunk)
            if copied > most_bytes(key):
                raise TooLarge(key)
            out.write(chunk)


def original_key(key, known=None):
    """Return the key of the original a resized copy was made from: calf-600x400.jpg → calf.jpg.

    known is resized_copies(export items): what the export says wins. A name it does not know is taken
    for a copy by its -WxH ending only, as exports without attachments give nothing better.
    """
    if known and key in known:
        return known[key]
    return RESIZED.sub("", key)


class _Unreadable(ValueError):
    """Not PHP's serialize format, or a part of it no attachment's metadata holds."""


def php_value(text):
    """Return the value PHP's serialize() wrote as text (strings, numbers, arrays as dicts), or None.

    Read by hand, never evaluated: objects (O:, C:) and references are refused, as metadata never holds them.
    """
    data = text.encode()
    try:
        value, end = _php_at(data, 0, depth=0)
    except (_Unreadable, ValueError, IndexError, UnicodeDecodeError, RecursionError):
        return None
    return value if end == len(data) else None


def _php_at(data, at, depth):
    """Return (value, position after it) of the serialized value at position at."""
    if depth > 20:  # metadata nests three deep; more is not metadata
        raise _Unreadable
    kind = data[at:at + 2]
    if data[at:at + 2] == b"N;":
        return None, at + 2
    end = data.index(b";" if kind in (b"i:", b"d:", b"b:") else b":", at + 2)
    number = data[at + 2:end].decode("ascii")
    if kind == b"i:":
        return int(number), end + 1
    if kind == b"d:":
        return float(number), end + 1
    if kind == b"b:":
        return number == "1", end + 1
    if kind == b"s:":
        start, length = end + 2, int(number)  # s:5:"hello"; the length counts bytes
        if data[end + 1:end + 2] != b'"' or data[start + length:start + length + 2] != b'";':
            raise _Unreadable
        return data[start:start + length].decode(), start + length + 2
    if kind == b"a:":
        if data[end + 1:end + 2] != b"{":
            raise _Unreadable
        at, found = end + 2, {}
        for _ in range(int(number)):
            key, at = _php_at(data, at, depth + 1)
            if not isinstance(key, (int, str)):
                raise _Unreadable
            found[key], at = _php_at(data, at, depth + 1)
        if data[at:at + 1] != b"}":
            raise _Unreadable
        return found, at + 1
    raise _Unreadable


def resized_copies(items):
    """Return {media key: key of its original} for the export's attachments, as the export says.

    Each attachment is its own original, whatever its name ends in (image-150x150.jpg can be an upload of
    its own); the sizes WordPress made of it are those its _wp_attachment_metadata lists.
    """
    known, copies = {}, {}
    for item in items:
        if item.kind != "attachment" or not (own := media_key(item.attachment_url)):
            continue
        known[own] = own
        metadata = php_value(item.meta.get("_wp_attachment_metadata", ""))
        sizes = metadata.get("sizes") if isinstance(metadata, dict) else None
        for size in sizes.values() if isinstance(sizes, dict) else ():
            name = size.get("file") if isinstance(size, dict) else None
            if isinstance(name, str) and "/" not in name and (key := media_key(f"{own.rsplit('/', 1)[0]}/{name}")):
                copies.setdefault(key, own)
    return copies | known  # an attachment's own file is an original even when another lists it as a size


class Library:
    """The photos and other uploads of a media archive or folder, by year/month/name."""

    def __init__(self, source=None):
        self.files = {}  # key: (kind, where)
        self.refused = []  # (name, why): links, which could copy any file of the computer
        self.source = Path(source) if source else None
        if self.source is None:
            return
        if not self.source.exists():
            raise ValueError(f"{self.source}: there is no such folder or file — give the media archive WordPress.com "
                             "sent you, or the folder you unpacked it into")
        if self.source.is_dir():
            self._read_folder()
        elif zipfile.is_zipfile(self.source):
            with zipfile.ZipFile(self.source) as archive:
                for info in archive.infolist():
                    if stat.S_ISLNK(info.external_attr >> 16):
                        self._refuse(info.filename)
                    elif (key := upload_key(info.filename)) and not info.is_dir():
                        self.files[key] = ("zip", info.filename)
        elif tarfile.is_tarfile(self.source):
            with tarfile.open(self.source) as archive:
                for member in archive.getmembers():
                    if member.issym() or member.islnk():
                        self._refuse(member.name)
                    elif member.isfile() and (key := upload_key(member.name)):
                        self.files[key] = ("tar", member.name)
        else:
            raise ValueError(f"{self.source}: this is not a folder, .zip or .tar of photos — give the media "
                             "archive WordPress.com sent you, or the folder you unpacked it into")

    def _read_folder(self):
        """Note the photos of a folder, refusing links to files or folders, wherever they point."""
        for folder, folders, names in os.walk(self.source):
            for name in sorted(folders + names):
                path = Path(folder, name)
                relative = path.relative_to(self.source).as_posix()
                if path.is_symlink():
                    self._refuse(relative)
                elif name in names and path.is_file() and (key := upload_key(relative)):
                    self.files[key] = ("file", path)

    def _refuse(self, name):
        self.refused.append((f"media {name}", "a link to another file, not a photo: links are not followed — "
                             "copy the photo itself there"))

    def find(self, key, original=None):
        """Return the key of the file that answers for key: its original when the archive has it, else itself."""
        for candidate in (original or original_key(key), key):
            if candidate in self.files:
                return candidate
        return None

    def copy(self, key, target):
        """Copy the archive's file for key to target; raise TooLarge for one larger than it may be.

        The size it says it has is checked before a byte is copied, and the bytes are counted as they come.
        """
        kind, where = self.files[key]
        if kind == "file":
            # O_NOFOLLOW: a file swapped for a link since the folder was read is still not followed
            with open(os.open(where, os.O_RDONLY | os.O_NOFOLLOW), "rb") as source:
                if os.fstat(source.fileno()).st_size > most_bytes(key):
                    raise TooLarge(key)
                copy_at_most(source, target, key)
        elif kind == "zip":
            with zipfile.ZipFile(self.source) as archive:
                if archive.getinfo(where).file_size > most_bytes(key):
                    raise TooLarge(key)
                with archive.open(where) as source:
                    copy_at_most(source, target, key)
        else:
            with tarfile.open(self.source) as archive:
                member = archive.getmember(where)
                if member.size > most_bytes(key):
                    raise TooLarge(key)
                with archive.extractfile(member) as source:
                    copy_at_most(source, target, key)


def download(address, target, key):
    """Download address to target, trying again after a pause; raise OSError after the last try, TooLarge at once."""
    request = urllib.request.Request(address, headers={"User-Agent": "site-import (one blog's own photos)"})
    for attempt in range(TRIES):
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                if int(response.headers.get("Content-Length") or 0) > most_bytes(key):
                    raise TooLarge(key)
                copy_at_most(response, target, key)
            return
        except TooLarge:
            target.unlink(missing_ok=True)
            raise
        except OSError:
            target.unlink(missing_ok=True)
            if attempt == TRIES - 1:
                raise
            time.sleep(0.5 * (attempt + 1))


def original_address(address, original):
    """Return the address of the original of a photo: the address without its query, named as the original."""
    folder = address.split("?")[0].rsplit("/", 1)[0]
    return f"{folder}/{quote(PurePosixPath(original).name)}"


def bring_photos(wanted, library, images, progress):
    """Put each wanted photo into images/; return [(original key, address, why)] of those that could not be had.

    why is None for a photo not found, else what was wrong with it.

    wanted: {original key: (key as shown, address)}. From the library when it has the photo, else
    downloaded from its address a few at a time. A photo already in images/ is left as it is.
    """
    missing = []

    def one(item):
        original, (key, address) = item
        target = images / original
        if target.exists():
            return item, ""
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        try:
            found = library.find(key, original) if library.source else None
            if found:
                library.copy(found, partial)
            elif library.source is None and address.startswith(("http://", "https://")):
                download(original_address(address, original), partial, original)  # the original, not a copy
            else:
                return item, None
            partial.replace(target)
            return item, ""
        except TooLarge as error:
            partial.unlink(missing_ok=True)
            return item, str(error)
        except (zipfile.BadZipFile, tarfile.TarError):
            partial.unlink(missing_ok=True)
            return item, "the media archive is damaged there — download it again"
        except OSError:
            partial.unlink(missing_ok=True)
            return item, None

    workers = 1 if library.source else DOWNLOADS_AT_ONCE
    with ThreadPoolExecutor(workers) as pool:
        for (original, (_, address)), why in pool.map(one, sorted(wanted.items())):
            progress.step()
            if why != "":
                missing.append((original, address, why))
    return missing
