"""The vdir sync against the real programs: khard, Radicale (CardDAV) and vdirsyncer.

khard reads the vdir connecttui writes; a real Radicale server runs on loopback with a
private storage folder, vdirsyncer copies the vdir to it and back, a card is edited and one
added on the server as a phone would (HTTP PUT), and after vdirsyncer and connecttui sync
again the change is in the database and nothing was lost. The programs come from PyPI as
test dependencies (pyproject's dev extra); every wait is bounded and the server is stopped
however the test ends.
"""

from __future__ import annotations

import base64
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pendulum
import pytest

from connecttui.core import occasions, people, touches
from connecttui.core.store.models import Contact, ContactField, TouchContact
from connecttui.interop.vdir import sync

BIN = Path(sys.executable).parent
USER, PASSWORD = "me", "secret"
AUTH = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
NOW = pendulum.datetime(2026, 11, 27, 12, tz="UTC")
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "vcards"
IOS = "apple-ios5-30-photo-cr-cr-lf.vcf"  # a 46 KB photo, lines ending CR CR LF


def program(name: str) -> str:
    path = BIN / name
    assert path.exists(), f"{name} is not installed beside {sys.executable}: make test installs it"
    return str(path)


def run(args: list[str], home: Path, answer: str = "", timeout: float = 30) -> str:
    """Run a program with a private HOME (and `answer` as its input); it must succeed and
    not report an error."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "KHARD", "VDIR"))}
    env |= {"HOME": str(home), "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    result = subprocess.run(args, capture_output=True, text=True, timeout=timeout, env=env,
                            input=answer)
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"{args} failed:\n{output}"
    assert "error:" not in output.lower(), f"{args} reported an error:\n{output}"
    return result.stdout


def khard(conf: Path, *args: str, answer: str = "") -> str:
    return run([program("khard"), "-c", str(conf), *args], conf.parent, answer)


def khard_config(tmp_path: Path, folder: Path) -> Path:
    conf = tmp_path / "khard.conf"
    conf.write_text(
        "[addressbooks]\n[[people]]\n"
        f"path = {folder}\n"
        "[general]\neditor = /bin/false\nmerge_editor = /bin/false\n",
        encoding="utf-8",
    )
    return conf


@pytest.fixture
def people_here(db):
    ada = people.add_contact("Ada Lovelace", birthday=(1815, 12, 10),
                             notes="wrote the first program")
    ContactField.create(contact=ada.id, kind="email", label="home", value="ada@example.org")
    zoe = people.add_contact("Zoë Ødegård", birthday=(None, 2, 29))
    sam = people.add_contact("Sam King", birthday=(None, 4, 16))
    ContactField.create(contact=sam.id, kind="phone", label="cell", value="+44 20 7946 0001")
    occasions.add_occasion(sam.id, "anniversary", 8, 8, year=2009)
    touches.log_touch([ada.id, sam.id], "together", at=NOW, note="tea")
    return ada, zoe, sam


# --- khard ---------------------------------------------------------------------------------


def test_khard_lists_the_same_people_and_birthdays(people_here, tmp_path):
    ada, zoe, sam = people_here
    folder = tmp_path / "vdir"
    sync(folder)
    conf = khard_config(tmp_path, folder)
    listed = sorted(line.split("\t")[:2] for line in khard(conf, "list", "--parsable")
                    .splitlines() if line.strip())
    assert listed == sorted([[c.uid, c.name] for c in (ada, zoe, sam)])
    birthdays = {}
    for line in khard(conf, "birthdays", "--parsable").splitlines():
        day, name = line.split("\t")
        birthdays[name] = day
    # khard shows a 3.0 year-less birthday (X-APPLE-OMIT-YEAR) with Apple's placeholder year
    assert birthdays == {
        "Ada Lovelace": "1815.12.10", "Zoë Ødegård": "1604.02.29", "Sam King": "1604.04.16",
    }
    shown = khard(conf, "show", "--format", "yaml", "Sam King")
    assert "+44 20 7946 0001" in shown
    assert "2009-08-08" in shown or "08/08/09" in khard(conf, "show", "Sam King")


def test_khard_reads_version_4_cards_with_year_less_birthdays(people_here, tmp_path):
    ada, zoe, sam = people_here
    folder = tmp_path / "vdir4"
    sync(folder, version="4.0")
    conf = khard_config(tmp_path, folder)
    listed = {line.split("\t")[1] for line in khard(conf, "list", "--parsable").splitlines()}
    assert listed == {"Ada Lovelace", "Zoë Ødegård", "Sam King"}
    assert "Birthday: --04-16" in khard(conf, "show", "Sam King")
    # (khard 0.22 drops a 4.0 "--0229": it puts year-less dates in 1900, not a leap year.
    # That is one reason the sync writes 3.0 by default.)


def test_a_card_edited_with_khards_own_writer_comes_back_in(people_here, tmp_path):
    """khard rewrites a card in its own way (vobject): connecttui reads that back."""
    ada, _, _ = people_here
    folder = tmp_path / "vdir"
    sync(folder)
    conf = khard_config(tmp_path, folder)
    yaml = tmp_path / "ada.yaml"
    yaml.write_text(
        "First name: Ada\nLast name: King\nFormatted name: Ada King\n"
        "Email:\n    home: ada@example.org\n    work: ada@engines.example\n"
        "Birthday: 1815-12-10\nNote: now a countess\n",
        encoding="utf-8",
    )
    file = folder / f"{ada.uid}.vcf"
    khard(conf, "edit", "--input-file", str(yaml), "Ada Lovelace", answer="yes\n")
    assert b"Ada King" in file.read_bytes()
    report = sync(folder)
    assert report.received == ["Ada King"] and report.conflicts == []
    contact = Contact.get_by_id(ada.id)
    assert contact.name == "Ada King" and contact.notes == "now a countess"
    assert {v for (v,) in ContactField.select(ContactField.value).where(
        (ContactField.contact == ada.id) & (ContactField.kind == "email")).tuples()} == {
        "ada@example.org", "ada@engines.example"}


# --- Radicale and vdirsyncer -----------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(method: str, url: str, body: bytes | None = None,
            headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    req = urllib.request.Request(url, data=body, method=method,
                                 headers={"Authorization": AUTH, **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


class Server:
    def __init__(self, url: str, storage: Path) -> None:
        self.url = url
        self.storage = storage
        self.book = f"{url}/{USER}/contacts/"

    def items(self) -> dict[str, bytes]:
        """The cards the server stores, by href (read from its storage folder)."""
        folder = self.storage / "collection-root" / USER / "contacts"
        return {p.name: p.read_bytes() for p in sorted(folder.glob("*.vcf"))}


@pytest.fixture
def radicale(tmp_path):
    port = free_port()
    storage = tmp_path / "radicale"
    log = (tmp_path / "radicale.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "radicale", "--config", "",
         "--server-hosts", f"127.0.0.1:{port}", "--storage-filesystem-folder", str(storage),
         "--auth-type", "none", "--logging-level", "warning"],
        stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        env=os.environ | {"HOME": str(tmp_path)},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            assert process.poll() is None, (tmp_path / "radicale.log").read_text()
            try:
                with urllib.request.urlopen(f"{url}/.web/", timeout=2):
                    break
            except (urllib.error.URLError, ConnectionError):
                assert time.monotonic() < deadline, "Radicale did not start within 20 s"
                time.sleep(0.1)
        server = Server(url, storage)
        mkcol = (b'<?xml version="1.0"?><mkcol xmlns="DAV:" '
                 b'xmlns:CR="urn:ietf:params:xml:ns:carddav"><set><prop><resourcetype>'
                 b"<collection/><CR:addressbook/></resourcetype></prop></set></mkcol>")
        status, body = request("MKCOL", server.book, mkcol,
                               {"Content-Type": "application/xml"})
        assert status == 201, body
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        log.close()


def vdirsyncer_config(tmp_path: Path, folder: Path, server: Server) -> Path:
    conf = tmp_path / "vdirsyncer.conf"
    (tmp_path / "status").mkdir()
    conf.write_text(
        "[general]\n"
        f'status_path = "{tmp_path / "status"}/"\n\n'
        "[pair phone]\n"
        'a = "vdir"\nb = "server"\ncollections = null\n\n'
        "[storage vdir]\n"
        f'type = "filesystem"\npath = "{folder}/"\nfileext = ".vcf"\n\n'
        "[storage server]\n"
        f'type = "carddav"\nurl = "{server.book}"\n'
        f'username = "{USER}"\npassword = "{PASSWORD}"\n',
        encoding="utf-8",
    )
    return conf


def vdirsyncer(conf: Path, *args: str) -> str:
    return run([program("vdirsyncer"), "-c", str(conf), *args], conf.parent)


def test_a_phone_edit_through_radicale_and_vdirsyncer_arrives(people_here, radicale, tmp_path):
    ada, zoe, sam = people_here
    folder = tmp_path / "vdir"
    sync(folder)
    conf = vdirsyncer_config(tmp_path, folder, radicale)
    vdirsyncer(conf, "discover")
    vdirsyncer(conf, "sync")
    on_server = radicale.items()
    assert len(on_server) == 3
    assert all(any(c.uid.encode() in data for data in on_server.values())
               for c in (ada, zoe, sam))

    # on the phone: Ada's card is edited, and a new person is added
    href, data = next((h, d) for h, d in on_server.items() if ada.uid.encode() in d)
    edited = (data.decode("utf-8").replace("wrote the first program", "a countess now")
              .replace("END:VCARD", "TEL;TYPE=cell:+44 20 7946 0999\r\nEND:VCARD"))
    status, body = request("PUT", radicale.book + href, edited.encode("utf-8"),
                           {"Content-Type": "text/vcard; charset=utf-8"})
    assert status in (201, 204), body
    grace = ("BEGIN:VCARD\r\nVERSION:3.0\r\nUID:grace-from-phone\r\nFN:Grace Hopper\r\n"
             "N:Hopper;Grace;;;\r\nBDAY:1906-12-09\r\nEND:VCARD\r\n")
    status, body = request("PUT", radicale.book + "grace-from-phone.vcf", grace.encode(),
                           {"Content-Type": "text/vcard; charset=utf-8"})
    assert status == 201, body

    vdirsyncer(conf, "sync")
    report = sync(folder)
    assert report.received == ["Ada Lovelace"] and report.added == ["Grace Hopper"]
    assert report.conflicts == [] and report.problems == []
    ada_now = Contact.get_by_id(ada.id)
    assert ada_now.notes == "a countess now"
    assert "+44 20 7946 0999" in {v for (v,) in ContactField.select(ContactField.value).where(
        ContactField.contact == ada.id).tuples()}
    grace_here = Contact.get(Contact.uid == "grace-from-phone")
    birthday = people.birthday_of(grace_here.id)
    assert (birthday.year, birthday.month, birthday.day) == (1906, 12, 9)

    # nothing was lost: the others unchanged, what only connecttui keeps still there
    assert Contact.select().count() == 4
    assert people.birthday_of(zoe.id).day == 29
    assert TouchContact.select().where(TouchContact.contact == ada.id).count() == 1

    # and back out: a change made here reaches the server
    people.update_contact(sam.id, notes="moved to Leeds")
    assert sync(folder).sent == ["Sam King"]
    vdirsyncer(conf, "sync")
    on_server = radicale.items()
    assert len(on_server) == 4
    sam_card = next(d for d in on_server.values() if sam.uid.encode() in d)
    assert b"moved to Leeds" in sam_card
    assert b"a countess now" in next(d for d in on_server.values() if ada.uid.encode() in d)
    status, body = request("GET", radicale.book + href)
    assert status == 200 and b"+44 20 7946 0999" in body


def photo_property(data: bytes) -> bytes:
    """A card's PHOTO as its bytes: its line and the lines after it that start with a space."""
    return re.search(rb"^PHOTO[;:].*?\n(?=[^ \t])", data, re.M | re.S).group(0)


def photo_of(data: bytes) -> bytes:
    """The picture in a 3.0 card, decoded."""
    value = photo_property(data).split(b":", 1)[1]
    return base64.b64decode(re.sub(rb"\s", b"", value))


def test_a_photo_goes_to_khard_and_through_radicale_and_back_whole(db, radicale, tmp_path):
    """The iPhone's card with its photo: synced in, changed here and written out, read by
    khard, carried to Radicale by vdirsyncer, edited there as a phone would, and back: the
    picture is the same at every step, and the same bytes wherever connecttui wrote it."""
    original = (FIXTURES / IOS).read_bytes()
    picture = photo_of(original)
    folder = tmp_path / "vdir"
    folder.mkdir()
    (folder / "john.vcf").write_bytes(original)
    sync(folder)
    john = Contact.get()
    people.update_contact(john.id, notes="moved to Leeds")
    assert sync(folder).sent == [john.name]
    ours = (folder / "john.vcf").read_bytes()
    assert photo_property(ours) == photo_property(original.replace(b"\r\r\n", b"\r\n"))
    # khard can't read iOS's own file (its doubled CR); it reads connecttui's
    listed = khard(khard_config(tmp_path, folder), "list", "--parsable")
    assert [line.split("\t")[0] for line in listed.splitlines()] == [john.uid]

    conf = vdirsyncer_config(tmp_path, folder, radicale)
    vdirsyncer(conf, "discover")
    vdirsyncer(conf, "sync")
    (href, data), = radicale.items().items()
    assert photo_of(data) == picture
    status, body = request("PUT", radicale.book + href, data.replace(b"moved to Leeds",
                           b"moved to York"), {"Content-Type": "text/vcard; charset=utf-8"})
    assert status in (201, 204), body  # the phone changed the note

    vdirsyncer(conf, "sync")
    assert sync(folder).received == [john.name]
    assert Contact.get_by_id(john.id).notes == "moved to York"
    ContactField.create(contact=john.id, kind="phone", label="cell", value="+44 20 7946 0999")
    assert sync(folder).sent == [john.name]
    assert photo_of((folder / "john.vcf").read_bytes()) == picture
    vdirsyncer(conf, "sync")
    (_, data), = radicale.items().items()
    assert b"+44 20 7946 0999" in data and photo_of(data) == picture
