#!/usr/bin/env python3
"""Writes the seed inputs of the fuzz targets (oscar-bridge, http-bridge) (Jazzer's layout: <TestClass>Inputs/<method>/).

Run from the repository root; it only (re)writes files named seed-*, so inputs that Jazzer found stay.
Seeds come from the byte vectors in oscar.md (§1 FLAP, §6.3 0x2711 value, §6.4 proposal, §8.1 PROMPT).

Targets taking a FuzzedDataProvider read their numbers from the END of the input, one byte each here:
a trailing 0x00 means "no extra read splits" (or the first choice of a pickValue).
"""
import os
import struct

ROOT = "oscar-bridge/src/test/resources/org/oscartransport/oscar"
HTTP_ROOT = "http-bridge/src/test/resources/org/oscartransport/http"


def u16(v): return struct.pack(">H", v)
def u32(v): return struct.pack(">I", v)
def tlv(t, v): return u16(t) + u16(len(v)) + v
def str8(s): return bytes([len(s)]) + s
def flap(channel, seq, payload): return b"*" + bytes([channel]) + u16(seq) + u16(len(payload)) + payload
def snac(family, subtype, flags, req, body): return u16(family) + u16(subtype) + u16(flags) + u32(req) + body


SEND_FILE = bytes.fromhex("094613434C7F11D18222444553540000")
COOKIE = b"1234567\x00"
SERVICE_DATA = bytes.fromhex("00010001000000056865 6C6C6F2E74787400".replace(" ", ""))  # §6.3, hello.txt
PROPOSAL_TLVS = (tlv(0x000A, u16(1)) + tlv(0x000F, b"") + tlv(0x0002, bytes([192, 0, 2, 1]))
                 + tlv(0x0016, bytes([0x3F, 0xFF, 0xFD, 0xFE])) + tlv(0x0003, bytes([192, 0, 2, 1]))
                 + tlv(0x0005, u16(5190)) + tlv(0x0017, u16(0xFFFF ^ 5190)) + tlv(0x2711, SERVICE_DATA)
                 + tlv(0x2712, b"utf-8") + tlv(0x2713, struct.pack(">Q", 5)))
RENDEZVOUS = u16(0) + COOKIE + SEND_FILE + PROPOSAL_TLVS            # §6.4 PROPOSE
CANCEL = u16(1) + COOKIE + SEND_FILE + tlv(0x000B, u16(1))
ACCEPT = u16(2) + COOKIE + SEND_FILE
IM_TEXT = bytes([5, 1]) + u16(1) + b"\x01" + bytes([1, 1]) + u16(4 + 30) + u16(0) + u16(0) \
    + b"<HTML><BODY>hi &amp; bye</BODY>"[:30]
USER_INFO = str8(b"20002") + u16(0) + u16(3) + tlv(1, u16(0x50)) + tlv(6, u32(0)) + tlv(0x0D, SEND_FILE)


def prompt():
    """The §8.1 example PROMPT for hello.txt, 5 bytes, cookie '12345670'."""
    h = bytearray(256)
    h[0:4] = b"OFT2"; h[4:6] = u16(256); h[6:8] = u16(0x0101); h[8:16] = b"12345670"
    h[20:28] = u16(1) + u16(1) + u16(1) + u16(1)
    h[28:32] = u32(5); h[32:36] = u32(5); h[40:44] = u32(0xBC2D0000)
    h[44:48] = u32(0xFFFF0000); h[56:60] = u32(0xFFFF0000); h[64:68] = u32(0xFFFF0000)
    h[68:68 + 13] = b"Cool FileXfer"; h[100:103] = bytes([0x20, 0x1C, 0x11])
    h[192:192 + 9] = b"hello.txt"
    return bytes(h)


def multi_prompt(cookie, name, size, total_files, files_left, total_size):
    """A PROMPT of a several-file session (§8.7): per-file size, the session's file count and total size."""
    h = bytearray(prompt())
    h[8:16] = cookie
    h[20:24] = u16(total_files) + u16(files_left)
    h[28:32] = u32(total_size); h[32:36] = u32(size)
    h[192:192 + 64] = bytes(64)
    h[192:192 + len(name)] = name
    return bytes(h)


def rate_class(cid, window, clear, alert, limit, disconnect, current, maximum, extended=True):
    record = u16(cid) + b"".join(u32(v) for v in (window, clear, alert, limit, disconnect, current, maximum))
    return record + (u32(0) + b"\x00" if extended else b"")


# the emulator's default-like classes: 1 = everything else, 2 = ICBM sends (0004/0006)
RATE_CLASSES = [(1, 80, 2500, 2000, 1500, 800, 3400, 6000), (2, 10, 500, 400, 300, 100, 1000, 1000)]
RATE_REPLY = (u16(2) + b"".join(rate_class(*c) for c in RATE_CLASSES)
              + u16(1) + u16(1) + u32(0x00010002) + u16(2) + u16(1) + u32(0x00040006))


def icbm_send(recipient, channel, tlvs):
    return COOKIE + u16(channel) + str8(recipient) + tlvs


def bos_session():
    """What libpurple sends on BOS after the cookie (§12.2), then IMs and a file proposal to 20002."""
    snacs = [
        snac(1, 0x17, 0, 1, u16(1) + u16(4) + u16(0x13) + u16(4)),
        snac(1, 0x06, 0, 2, b""),
        snac(1, 0x08, 0, 3, u16(1)),
        snac(1, 0x0E, 0, 4, b""),
        snac(0x13, 0x02, 0, 5, b""),
        snac(0x13, 0x05, 0, 6, u32(0) + u16(0)),
        snac(0x13, 0x08, 0x8000, 7, u16(6) + tlv(1, u16(1)) + u16(5) + b"20002" + u16(0) + u16(1) + u16(0) + u16(7)
             + tlv(0x131, b"Bob")),
        snac(2, 0x02, 0, 8, b""),
        snac(2, 0x04, 0, 9, tlv(5, SEND_FILE)),
        snac(3, 0x02, 0, 10, b""),
        snac(4, 0x04, 0, 11, b""),
        snac(9, 0x02, 0, 12, b""),
        snac(1, 0x02, 0, 13, b""),
        snac(4, 0x06, 0, 14, icbm_send(b"20002", 1, tlv(2, IM_TEXT) + tlv(3, b""))),
        snac(4, 0x06, 0, 15, icbm_send(b"20002", 2, tlv(3, b"") + tlv(5, RENDEZVOUS))),
        snac(4, 0x06, 0, 16, icbm_send(b"30003", 1, tlv(2, IM_TEXT))),
        snac(4, 0x0B, 0, 17, COOKIE + u16(2) + str8(b"20002") + u16(3) + u16(2) + u16(1)),
        snac(4, 0x14, 0, 18, COOKIE + u16(1) + str8(b"20002") + u16(2)),
    ]
    frames = b"".join(flap(2, i, s) for i, s in enumerate(snacs))
    return frames + flap(5, 100, b"") + flap(3, 101, b"") + flap(4, 102, b"")


def im_burst():
    """Rate request, then twelve IMs to 20002 at once: enough to be warned, refused and disconnected."""
    snacs = [snac(1, 0x06, 0, 1, b"")] + [
        snac(4, 0x06, 0, 2 + i, icbm_send(b"20002", 1, tlv(2, IM_TEXT))) for i in range(12)]
    return b"".join(flap(2, i, s) for i, s in enumerate(snacs))


def authorization_snacs():
    """An ICQ client asking 20002 for authorization, answering, and granting in advance (§4.3)."""
    reason = b"Please add me\x00"
    snacs = [
        snac(0x13, 0x18, 0, 40, str8(b"20002") + u16(len(reason)) + reason + u16(0)),
        snac(0x13, 0x1A, 0, 41, str8(b"20002") + b"\x01" + u16(0) + u16(0)),
        snac(0x13, 0x14, 0, 42, str8(b"20002") + u16(0) + u16(0)),
    ]
    return b"".join(flap(2, 60 + i, s) for i, s in enumerate(snacs))


def login():
    hello = flap(1, 0, u32(1))
    challenge = flap(2, 1, snac(0x17, 0x06, 0, 1, tlv(1, b"10001") + tlv(0x4B, b"") + tlv(0x5A, b"")))
    request = flap(2, 2, snac(0x17, 0x02, 0, 2, tlv(1, b"10001") + tlv(0x25, bytes(16)) + tlv(0x4C, b"")))
    unknown = flap(2, 3, snac(0x17, 0x06, 0, 3, tlv(1, b"99999")))
    bad_cookie = flap(1, 4, u32(1) + tlv(6, bytes(16)))
    return hello + challenge + request + unknown + bad_cookie


SEEDS = {
    "tlv/TlvChainFuzzTestInputs/chain": {
        "proposal-tlvs": PROPOSAL_TLVS,
        "empty-values": tlv(3, b"") + tlv(0x0F, b""),
    },
    "tlv/TlvChainFuzzTestInputs/block": {"user-info-tlvs": USER_INFO[8:]},
    "tlv/TlvChainFuzzTestInputs/lBlock": {"feedbag-item": u16(4 + 3) + tlv(0x131, b"Bob")},
    "snac/SnacDecoderFuzzTestInputs/header": {
        "icbm-send": snac(4, 6, 0, 14, icbm_send(b"20002", 1, tlv(2, IM_TEXT))),
        "family-version-prefix": snac(0x13, 6, 0x8000, 7, u16(6) + tlv(1, u16(1)) + u32(0)),
    },
    "flap/FlapFrameDecoderFuzzTestInputs/stream": {
        "hello-then-snacs": flap(1, 0x1234, u32(1)) + flap(2, 0x1235, snac(1, 0x17, 0, 1, u16(1) + u16(4)))
        + flap(5, 0x1236, b"") + b"\x00",
        "bos-session": bos_session() + b"\x00",
    },
    "icbm/IncomingIcbmFuzzTestInputs/userInfo": {"buddy": USER_INFO},
    "icbm/IncomingIcbmFuzzTestInputs/serverSnac": {
        # the trailing byte picks the subtype: 0 = 0007 receive, 3 = 000B client error
        "file-proposal": COOKIE + u16(2) + USER_INFO + tlv(5, RENDEZVOUS + tlv(4, bytes([192, 0, 2, 9]))) + b"\x00",
        "cancel": COOKIE + u16(2) + USER_INFO + tlv(5, CANCEL) + b"\x00",
        "im": COOKIE + u16(1) + USER_INFO + tlv(2, IM_TEXT) + b"\x00",
        "client-error": COOKIE + u16(2) + str8(b"20002") + u16(3) + b"\x03",
    },
    "rendezvous/RendezvousFuzzTestInputs/block": {"propose": RENDEZVOUS, "cancel": CANCEL, "accept": ACCEPT},
    "rendezvous/RendezvousFuzzTestInputs/serviceData": {
        # trailing 0x01: no 0x2712 charset
        "hello-txt": SERVICE_DATA + b"\x01",
        "folder": u16(2) + u16(3) + u32(12345) + b"photos\\*\x00" + b"\x01",
    },
    "oft/OftHeaderFuzzTestInputs/decode": {"prompt": prompt()},
    "oft/OftHeaderFuzzTestInputs/inPieces": {"prompt": prompt() + b"\x00"},
    "oft/OftReceiveHandlerFuzzTestInputs/peerStream": {"prompt-and-data": prompt() + b"hello" + b"\x00"},
    "login/LoginClientFuzzTestInputs/serverStream": {
        # the emulator's side of §3.1: hello, challenge, reply with BOS address and cookie
        "bucp-success": flap(1, 0, u32(1)) + flap(2, 1, snac(0x17, 0x07, 0, 1, u16(10) + b"3141592653"))
        + flap(2, 2, snac(0x17, 0x03, 0, 2, tlv(1, b"10001") + tlv(5, b"127.0.0.1:5190") + tlv(6, bytes(range(16)))))
        + b"\x00",
        "bucp-wrong-password": flap(1, 0, u32(1)) + flap(2, 1, snac(0x17, 0x03, 0, 2, tlv(1, b"10001") + tlv(8, u16(5))))
        + b"\x00",
        "channel-4-reply": flap(4, 0, tlv(1, b"10001") + tlv(5, b"[::1]") + tlv(6, b"cookie")) + b"\x00",
    },
    "emulator/EmulatorFuzzTestInputs/loginConnection": {"bucp-login": login() + b"\x00"},
    "emulator/EmulatorFuzzTestInputs/bosConnection": {
        "libpurple-session": bos_session() + b"\x00",
        "authorization": authorization_snacs() + b"\x00",
    },
    "feedbag/AuthorizationSnacsFuzzTestInputs/request": {
        "with-reason": str8(b"20002") + u16(14) + b"Please add me\x00" + u16(0),
        "name-only": str8(b"123456789"),
    },
    "feedbag/AuthorizationSnacsFuzzTestInputs/reply": {
        "denied-with-reason": str8(b"20002") + b"\x00" + u16(6) + b"No.\x00\x00\x00" + u16(0),
        "granted": str8(b"20002") + b"\x01",
    },
    "emulator/EmulatorFuzzTestInputs/bosConnectionRateLimited": {
        "libpurple-session": bos_session() + b"\x00",
        "im-burst": im_burst() + b"\x00",
    },
    "oft/OftReceiveFilesFuzzTestInputs/severalFiles": {
        # trailing bytes, last first: 2 files, no refusal, no extra read splits
        "two-files": multi_prompt(b"12345670", b"photos\x01a.txt", 5, 2, 2, 8) + b"hello"
        + multi_prompt(bytes(range(1, 9)), b"photos\x01b.txt", 3, 2, 1, 8) + b"bye" + b"\x00\x00\x01",
        "empty-second-file": multi_prompt(bytes(8), b"x", 2, 2, 2, 2) + b"hi"
        + multi_prompt(bytes(range(1, 9)), b"y", 0, 2, 1, 2) + b"\x00\x00\x01",
    },
    "rate/RateFuzzTestInputs/classes": {
        "reply": RATE_REPLY,
        "basic-records": u16(1) + rate_class(*RATE_CLASSES[1], extended=False) + u16(2) + u16(1) + u32(0x00040006),
    },
    "rate/RateFuzzTestInputs/change": {
        "warning": u16(2) + rate_class(*RATE_CLASSES[1]),
        "basic-two-classes": u16(1) + b"".join(rate_class(*c, extended=False) for c in RATE_CLASSES),
    },
    # targets that take only numbers: a fixed pseudo-random stream to start from
    "rate/RateLimiterFuzzTestInputs/pacing": {"mixed-steps": bytes((i * 37 + 11) % 256 for i in range(600))},
    "emulator/ClientRatesFuzzTestInputs/verdicts": {"mixed-steps": bytes((i * 53 + 7) % 256 for i in range(600))},
    "icbm/LongTextFuzzTestInputs/split": {
        # the last two bytes pick the part limit
        "words-and-references": b"aaaa bbbb &amp; cccc &#x1F600; dddd " * 4 + b"\x00\x10",
        "non-ascii": "Grüße 😀 aus Köln, ".encode() * 5 + b"\x00\x0c",
    },
}

# http-bridge: names a peer may send (folders split by 0x01), text first, the numbers at the end
PEER_NAMES = b"photos\x01..\x01Report.PDF" + b"photos\x01report.pdf" + b"/etc/passwd" + b"a\\b\x01\xe2\x80\xaetxt.exe"
HTTP_SEEDS = {
    "zip/ZipEntryNamesFuzzTestInputs/names": {"clashes-and-climbs": PEER_NAMES + bytes([11, 5, 20, 21, 3])},
    "zip/StreamedZipFuzzTestInputs/archive": {"three-files": PEER_NAMES + bytes(range(40, 80))},
}

for root, table in ((ROOT, SEEDS), (HTTP_ROOT, HTTP_SEEDS)):
    for directory, seeds in table.items():
        path = os.path.join(root, directory)
        os.makedirs(path, exist_ok=True)
        for name, data in seeds.items():
            with open(os.path.join(path, "seed-" + name), "wb") as f:
                f.write(data)
