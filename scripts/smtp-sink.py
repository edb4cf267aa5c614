#!/usr/bin/env python3
"""A real SMTP server for the tests (aiosmtpd, from .build/venv): stores every message it
accepts in a directory and can be told to refuse.

    .build/venv/bin/python scripts/smtp-sink.py --dir /tmp/mail [--port 0] [--ready-file F]
        [--refuse-mail CODE | --refuse-rcpt CODE | --refuse-data CODE] [--refuse-count N]
        [--refuse-text TEXT] [--auth USER:PASSWORD]

Each accepted message becomes two files, numbered in order of arrival: NNNN.eml, the raw data
as received (dots unstuffed), and NNNN.json:

    {"mail_from": "...", "rcpt_tos": [...], "login": "user" | null,
     "subject": "decoded subject", "from": "decoded From", "to": "decoded To",
     "message_id": "...", "date": "...", "mime_version": "1.0",
     "content_type": "multipart/alternative",
     "parts": [{"content_type": "text/plain", "charset": "utf-8",
                "transfer_encoding": "base64", "text": "decoded body"}],
     "defects": ["..."], "max_line_length": 76, "bare_line_feeds": 0, "data": "raw text"}

The .json file appears (atomically) before the server answers 250 to the data, so a client
that has been told "sent" finds it. With --port 0 (the default) the system picks a free port;
once listening, the sink prints "LISTENING <host> <port>" and writes the port to --ready-file.

A refusal answers CODE to every MAIL FROM, RCPT TO or end of DATA, or with --refuse-count N
to the first N of them only (then accepts): --refuse-rcpt 550 is a permanent refusal,
--refuse-rcpt 451 --refuse-count 1 a transient one that the next attempt gets past.
"""

import argparse
import asyncio
import email
import email.policy
import json
import os
import signal
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

DEFAULT_TEXT = {4: "4.3.0 Try again later (smtp-sink)", 5: "5.7.1 Refused by the test sink (smtp-sink)"}


class Sink:
    def __init__(self, args):
        self.directory = args.dir
        self.stage = None
        self.code = None
        for stage in ("mail", "rcpt", "data"):
            code = getattr(args, "refuse_" + stage)
            if code is not None:
                self.stage, self.code = stage, code
        self.remaining = args.refuse_count if args.refuse_count > 0 else None
        self.text = args.refuse_text
        self.count = len([name for name in os.listdir(self.directory) if name.endswith(".json")])

    def refusal(self, stage):
        if stage != self.stage:
            return None
        if self.remaining is not None:
            if self.remaining == 0:
                return None
            self.remaining -= 1
        return "%d %s" % (self.code, self.text or DEFAULT_TEXT.get(self.code // 100, "refused (smtp-sink)"))

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        refused = self.refusal("mail")
        if refused:
            return refused
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        refused = self.refusal("rcpt")
        if refused:
            return refused
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        refused = self.refusal("data")
        if refused:
            return refused
        self.count += 1
        stem = os.path.join(self.directory, "%04d" % self.count)
        data = envelope.original_content or envelope.content
        with open(stem + ".eml", "wb") as raw:
            raw.write(data)
        record = describe(data)
        record.update(
            mail_from=envelope.mail_from,
            rcpt_tos=list(envelope.rcpt_tos),
            login=authenticated_login(session),
        )
        with open(stem + ".json.tmp", "w", encoding="utf-8") as out:
            json.dump(record, out, ensure_ascii=False, indent=1)
        os.replace(stem + ".json.tmp", stem + ".json")
        return "250 2.0.0 Stored as %04d (smtp-sink)" % self.count


def authenticated_login(session):
    """The login the client authenticated with, or None."""
    data = getattr(session, "auth_data", None)
    if isinstance(data, LoginPassword):
        return data.login.decode()
    return None


def describe(data):
    """The message as Python's email package reads it: headers decoded, parts decoded."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    lines = data.split(b"\r\n")
    parts = []
    for part in message.walk():
        if part.is_multipart():
            continue
        parts.append(
            dict(
                content_type=part.get_content_type(),
                charset=part.get_content_charset(),
                transfer_encoding=part.get("Content-Transfer-Encoding"),
                text=part.get_content(),
            )
        )
    defects = [repr(defect) for part in message.walk() for defect in part.defects]

    def header(name):
        value = message.get(name)
        return None if value is None else str(value)

    return dict(
        subject=header("Subject"),
        **{"from": header("From"), "to": header("To")},
        message_id=header("Message-ID"),
        date=header("Date"),
        mime_version=header("MIME-Version"),
        content_type=message.get_content_type(),
        parts=parts,
        defects=defects,
        max_line_length=max(len(line) for line in lines),
        bare_line_feeds=sum(line.count(b"\n") for line in lines),
        data=data.decode("utf-8", errors="replace"),
    )


def authenticator(credentials):
    user, _, password = credentials.partition(":")

    def check(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user and (
            auth_data.password.decode() == password
        )
        return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)

    return check


async def serve(args):
    # A parent that blocks signals in the thread that spawned us (Foundation's Process does)
    # passes the mask on: unblock the ones that stop the sink.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
    os.makedirs(args.dir, exist_ok=True)
    sink = Sink(args)
    options = dict(hostname="smtp-sink", ident="smtp-sink (aiosmtpd)")
    if args.auth:
        options.update(authenticator=authenticator(args.auth), auth_require_tls=False)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SMTP(sink, **options), host=args.host, port=args.port)
    port = server.sockets[0].getsockname()[1]
    if args.ready_file:
        with open(args.ready_file + ".tmp", "w") as out:
            out.write("%d\n" % port)
        os.replace(args.ready_file + ".tmp", args.ready_file)
    print("LISTENING %s %d" % (args.host, port), flush=True)
    stop = asyncio.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    await stop.wait()
    server.close()
    await server.wait_closed()


def main():
    parser = argparse.ArgumentParser(description="An SMTP server that stores what it receives (for tests).")
    parser.add_argument("--dir", required=True, help="where the messages are stored (created if missing)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 (the default): a free port")
    parser.add_argument("--ready-file", help="written with the port once the sink listens")
    refuse = parser.add_mutually_exclusive_group()
    for stage, what in (("mail", "MAIL FROM"), ("rcpt", "RCPT TO"), ("data", "the end of DATA")):
        refuse.add_argument("--refuse-" + stage, type=reply_code, metavar="CODE", help="answer CODE to " + what)
    parser.add_argument("--refuse-count", type=int, default=0, help="refuse only the first N times (0: always)")
    parser.add_argument("--refuse-text", help="the text after the refusal's code")
    parser.add_argument("--auth", metavar="USER:PASSWORD", help="offer AUTH and accept only these credentials")
    args = parser.parse_args()
    try:
        asyncio.run(serve(args))
    except KeyboardInterrupt:
        pass
    return 0


def reply_code(text):
    code = int(text)
    if not 400 <= code <= 599:
        raise argparse.ArgumentTypeError("a refusal is a 4xx or 5xx code, not %s" % text)
    return code


if __name__ == "__main__":
    sys.exit(main())
