"""Encrypted history (docs/sync.md): the data file is stored in git encrypted with age,
through git's clean and smudge filters, while the working file stays plain (0600).

The identity (secret key) lives outside the repository, in the platform's config folder
(0600). The file is encrypted to this identity's recipient and to every recipient listed
in the repository's `.peermap-recipients` (one `age1…` per line: the other machines).
age encryption is randomised, so `clean` gives back the ciphertext already in the index
when the plain text has not changed: otherwise a mere `chmod` would show the file as
modified.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

from peermap.core.errors import PeermapError
from peermap.storage.atomic import add_line, atomic_write, make_private_dir

# pyrage ships no type information: its identities and recipients are Any here.
Identity = Any
Recipient = Any

FILTER = "peermap-age"
RECIPIENTS = ".peermap-recipients"
_HEADERS = (b"-----BEGIN AGE ENCRYPTED FILE-----", b"age-encryption.org/v1")


def key_path() -> Path:
    """Where this machine's identity lives: never inside a repository."""
    import platformdirs

    return platformdirs.user_config_path("peermap") / "age-identity.txt"


def is_encrypted(data: bytes) -> bool:
    return data.lstrip().startswith(_HEADERS)


def _pyrage() -> Any:
    try:
        import pyrage  # type: ignore[import-untyped]
    except ImportError:
        raise PeermapError("encryption needs pyrage: `pip install 'peermap[encrypt]'` "
                           "(or `pipx inject peermap pyrage`).") from None
    return pyrage


def load_identity() -> Identity:
    """This machine's identity, or one clear error naming the file and the fix."""
    pyrage = _pyrage()
    path = key_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PeermapError(f"no encryption key at {path}: copy the key file there from your "
                           "other machine (keep it secret); `peermap git-setup --encrypt` "
                           "makes a new key for a new repository.") from None
    except (OSError, UnicodeDecodeError) as e:
        raise PeermapError(f"cannot read the encryption key {path} ({e}).") from None
    secret = next((ln.strip() for ln in text.splitlines()
                   if ln.strip().startswith("AGE-SECRET-KEY-")), "")
    try:
        return pyrage.x25519.Identity.from_str(secret)
    except pyrage.IdentityError:
        raise PeermapError(f"{path} holds no valid age key (a line AGE-SECRET-KEY-1…).") \
            from None


def make_identity() -> tuple[Identity, bool]:
    """The identity, created (0600, in a 0700 folder) when there is none yet."""
    from datetime import UTC, datetime

    path = key_path()
    if path.exists():
        return load_identity(), False
    pyrage = _pyrage()
    ident = pyrage.x25519.Identity.generate()
    made = datetime.now(UTC).replace(microsecond=0).isoformat()
    text = (f"# peermap's age key for the encrypted git history, created {made}\n"
            f"# public key: {ident.to_public()}\n{ident}\n")
    try:
        make_private_dir(path.parent, parents=True)  # the key's folder: 0700, whatever the umask
        atomic_write(path, text.encode("utf-8"), 0o600)
    except OSError as e:  # InTheWay too
        raise PeermapError(f"cannot write the encryption key {path} ({e.strerror or e}).") \
            from None
    return ident, True


def recipients(root: Path, ident: Identity) -> list[Recipient]:
    """This machine's recipient and the repository's listed ones."""
    pyrage = _pyrage()
    out = [ident.to_public()]
    seen = {str(out[0])}
    listed = root / RECIPIENTS
    try:
        lines = listed.read_text(encoding="utf-8").splitlines() if listed.exists() else []
    except (OSError, UnicodeDecodeError) as e:
        raise PeermapError(f"cannot read {listed} ({e}).") from None
    for n, line in enumerate(lines, 1):
        word = line.split("#", 1)[0].strip()
        if not word or word in seen:
            continue
        try:
            out.append(pyrage.x25519.Recipient.from_str(word))
        except pyrage.RecipientError:
            raise PeermapError(f"{listed} line {n} is not an age recipient (age1…).") \
                from None
        seen.add(word)
    return out


def encrypt(data: bytes, root: Path, ident: Identity | None = None,
            to: list[Any] | None = None) -> bytes:
    """The ciphertext for this machine and every listed recipient (`ident`, `to`: when
    the caller has read them already)."""
    pyrage = _pyrage()
    ident = ident or load_identity()
    try:
        out: bytes = pyrage.encrypt(data, to if to is not None else recipients(root, ident),
                                    armored=True)
    except pyrage.EncryptError as e:
        raise PeermapError(f"cannot encrypt the data file ({e}).") from None
    return out


def decrypt(data: bytes, what: str, ident: Identity | None = None) -> bytes:
    """Plain bytes of an encrypted version (plain input passes through unchanged)."""
    if not is_encrypted(data):
        return data
    pyrage = _pyrage()
    ident = ident or load_identity()
    try:
        out: bytes = pyrage.decrypt(data.strip() + b"\n" if data.lstrip().startswith(
            _HEADERS[0]) else data, [ident])
    except pyrage.DecryptError as e:
        why = ("it was encrypted for another key" if "No matching keys" in str(e)
               else f"it is damaged: {e}")
        raise PeermapError(f"cannot decrypt {what} with the key in {key_path()} ({why}); "
                           f"`peermap key show` names this machine's key.") from None
    return out


def clean(data: bytes, path: str, root: Path) -> bytes:
    """git's clean filter: the plain working file to what the repository stores."""
    if is_encrypted(data):
        return data  # already ciphertext (a clone checked out before git-setup)
    ident = load_identity()  # read once: git runs this filter on every status
    to = recipients(root, ident)
    staged = _staged(root, path)
    if staged is not None and is_encrypted(staged):
        try:
            same = decrypt(staged, path, ident) == data
            # A recipient added since (`peermap key add`) needs a new encryption.
            if same and _stanzas(staged) == len(to):
                return staged  # unchanged: the same ciphertext, so git sees no change
        except PeermapError:
            pass  # encrypted for another key: encrypt afresh
    return encrypt(data, root, ident, to)


def _stanzas(sealed: bytes) -> int:
    """How many recipients a stored version was encrypted for (age's header lines)."""
    import base64
    import binascii

    raw = sealed.strip()
    if raw.startswith(_HEADERS[0]):
        body = b"".join(raw.splitlines()[1:-1])
        try:
            raw = base64.b64decode(body)
        except (binascii.Error, ValueError):
            return -1
    header = raw.split(b"\n---", 1)[0]
    return sum(1 for line in header.split(b"\n") if line.startswith(b"-> X25519 "))


def _staged(root: Path, path: str) -> bytes | None:
    try:
        done = subprocess.run(["git", "cat-file", "blob", f":{path}"], cwd=root,
                              capture_output=True, stdin=subprocess.DEVNULL, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def smudge(data: bytes, path: str) -> bytes:
    """git's smudge filter: what the repository stores to the plain working file."""
    return decrypt(data, path)


def repo_root(start: Path) -> Path:
    from peermap.storage.git import run_git

    try:
        done = run_git(start, "rev-parse", "--show-toplevel")
    except (OSError, subprocess.SubprocessError):
        return start
    return Path(done.stdout.strip()) if done.returncode == 0 else start


def write_private(path: Path, data: bytes) -> None:
    """Replace a working file with plain bytes, atomically, 0600."""
    try:
        atomic_write(path, data, 0o600)
    except OSError as e:
        raise PeermapError(f"cannot write {path} ({e.strerror or e}); nothing was changed.") \
            from None


def cwd() -> Path:
    return Path(os.getcwd())


def add_recipient(data_file: Path, recipient: str) -> Path:
    """List another machine's recipient in the repository's .peermap-recipients."""
    pyrage = _pyrage()
    word = recipient.strip()
    try:
        pyrage.x25519.Recipient.from_str(word)
    except pyrage.RecipientError:
        raise PeermapError(f"{recipient!r} is not an age recipient; it starts with age1 "
                           "(`peermap key show` on the other machine prints it).") from None
    root = repo_root(Path(os.path.realpath(data_file)).parent)
    listed = root / RECIPIENTS
    try:
        add_line(listed, word, lambda ln: ln.split("#", 1)[0].strip())
    except (OSError, UnicodeDecodeError) as e:
        raise PeermapError(f"cannot update {listed} ({e}); nothing was changed.") from None
    return listed
