"""Find her photos: in the media archive WordPress.com gives (a .zip, .tar or folder), or at their addresses.

Photos are known by their year/month/name path (2019/05/calf.jpg): the archive keeps them so, and
every address of one holds it (wp-content/uploads/2019/05/calf.jpg, her.files.wordpress.com/
2019/05/calf-600x400.jpg?w=600), with WordPress's resizing suffixes taken off.
"""

import re
import shutil
import tarfile
import time
import urllib.request
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

MEDIA_PATH = re.compile(r"(?:^|/)(\d{4}/\d{2}/[^/]+)$")
RESIZED = re.compile(r"-\d+x\d+(?=\.[A-Za-z0-9]+$)")
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".heif")
DOWNLOADS_AT_ONCE = 4
TIMEOUT = 20  # seconds for one download
TRIES = 3


def media_key(address):
    """Return the year/month/name of a photo's address or archive path ('2019/05/calf.jpg'), or None."""
    path = unquote(urlsplit(address).path) if "://" in address or address.startswith("/") else address
    match = MEDIA_PATH.search(path)
    if not match:
        return None
    key = match[1]
    return key if PurePosixPath(key).suffix.lower() in IMAGE_SUFFIXES else None


def original_key(key):
    """Return the key of the original a resized copy was made from: calf-600x400.jpg → calf.jpg."""
    return RESIZED.sub("", key)


class Library:
    """The photos of a media archive or folder, by year/month/name."""

    def __init__(self, source=None):
        self.files = {}  # key: (kind, where)
        self.source = Path(source) if source else None
        if self.source is None:
            return
        if self.source.is_dir():
            for path in self.source.rglob("*"):
                if path.is_file() and (key := media_key(path.relative_to(self.source).as_posix())):
                    self.files[key] = ("file", path)
        elif zipfile.is_zipfile(self.source):
            with zipfile.ZipFile(self.source) as archive:
                for name in archive.namelist():
                    if (key := media_key(name)) and not name.endswith("/"):
                        self.files[key] = ("zip", name)
        elif tarfile.is_tarfile(self.source):
            with tarfile.open(self.source) as archive:
                for member in archive.getmembers():
                    if member.isfile() and (key := media_key(member.name)):
                        self.files[key] = ("tar", member.name)
        else:
            raise ValueError(f"{self.source}: this is not a folder, .zip or .tar of photos — give the media "
                             "archive WordPress.com sent you, or the folder you unpacked it into")

    def find(self, key):
        """Return the key of the file that answers for key (itself, or the original of a resized copy)."""
        for candidate in (key, original_key(key)):
            if candidate in self.files:
                return candidate
        return None

    def copy(self, key, target):
        """Copy the archive's file for key to target."""
        kind, where = self.files[key]
        if kind == "file":
            shutil.copyfile(where, target)
        elif kind == "zip":
            with zipfile.ZipFile(self.source) as archive, archive.open(where) as source, target.open("wb") as out:
                shutil.copyfileobj(source, out)
        else:
            with tarfile.open(self.source) as archive, archive.extractfile(where) as source, target.open("wb") as out:
                shutil.copyfileobj(source, out)


def download(address, target):
    """Download address to target, trying again after a pause; raise OSError after the last try."""
    request = urllib.request.Request(address, headers={"User-Agent": "site-import (one blog's own photos)"})
    for attempt in range(TRIES):
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response, target.open("wb") as out:
                shutil.copyfileobj(response, out)
            return
        except OSError:
            target.unlink(missing_ok=True)
            if attempt == TRIES - 1:
                raise
            time.sleep(0.5 * (attempt + 1))


def bring_photos(wanted, library, images, progress):
    """Put each wanted photo into images/; return [(original key, address)] of those that could not be had.

    wanted: {original key: (key as shown, address)}. From the library when it has the photo, else
    downloaded from its address a few at a time. A photo already in images/ is left as it is.
    """
    missing = []

    def one(item):
        original, (key, address) = item
        target = images / original
        if target.exists():
            return item, True
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        try:
            found = library.find(key) if library.source else None
            if found:
                library.copy(found, partial)
            elif library.source is None and address.startswith(("http://", "https://")):
                download(RESIZED.sub("", address.split("?")[0]), partial)  # the original, not a resized copy
            else:
                return item, False
            partial.replace(target)
            return item, True
        except OSError:
            partial.unlink(missing_ok=True)
            return item, False

    workers = 1 if library.source else DOWNLOADS_AT_ONCE
    with ThreadPoolExecutor(workers) as pool:
        for (original, (_, address)), ok in pool.map(one, sorted(wanted.items())):
            progress.step()
            if not ok:
                missing.append((original, address))
    return missing
