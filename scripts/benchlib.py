"""What the bench scripts share: signing demo accounts in over HTTP (each must choose its
own password at first sign-in; the new one is written back to the credentials file), and
percentiles."""
import csv
import http.client
import json
import time


class Client:
    """One kept-alive HTTP connection to the server."""

    def __init__(self, port):
        self.connection = http.client.HTTPConnection("127.0.0.1", port)

    def call(self, method, path, body=None, token=None):
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = "Bearer " + token
        self.connection.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
        response = self.connection.getresponse()
        return response.status, response.read()

    def json(self, method, path, body=None, token=None):
        status, data = self.call(method, path, body, token)
        assert 200 <= status < 300, (method, path, status, data[:300])
        return json.loads(data) if data else None


class Credentials:
    """The demo school's logins and passwords (var/bench-http-credentials.csv)."""

    def __init__(self, path):
        self.path = path
        with open(path, encoding="utf-8") as file:
            self.rows = list(csv.DictReader(file))

    def with_role(self, role):
        return [row for row in self.rows if role in row["roles"].split(";")]

    def row(self, login):
        return next(row for row in self.rows if row["login"] == login)

    def sign_in(self, client, login):
        """A bearer token for `login`, its first password changed (and saved) if need be."""
        person = self.row(login)
        signed = client.json("POST", "/api/v1/session", {"login": login, "password": person["password"]})
        if signed["mustChangePassword"]:
            new = f"Bench-{int(time.time() * 1000) % 10**9}-{login[:8]}"
            client.json("POST", "/api/v1/session/password",
                        {"currentPassword": person["password"], "newPassword": new}, signed["token"])
            person["password"] = new
            self.save()
        return signed["token"]

    def save(self):
        with open(self.path, "w", encoding="utf-8", newline="") as file:
            writer = csv.DictWriter(file, fieldnames=self.rows[0].keys())
            writer.writeheader()
            writer.writerows(self.rows)


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]
