"""Galley from a notebook kernel: read dataset versions through the REST API into pandas.

    import galley
    galley.connect(token="...")            # the workspace does this when the kernel starts
    df = galley.load_dataset("seattle-weather")        # the latest accepted version
    df = galley.load_dataset("seattle-weather@2")      # version 2
    df = galley.load_dataset("penguins", version=1)

Requests go to the gateway with the token as a bearer credential, so a kernel reads exactly what its
user may read. Only the standard library and pandas are used.
"""

import io
import json
import os
import re
import urllib.error
import urllib.parse
import urllib.request

__all__ = [
    "connect",
    "load_dataset",
    "Client",
    "GalleyError",
    "NotConnectedError",
    "AuthenticationError",
    "PermissionDeniedError",
    "DatasetNotFoundError",
    "DatasetRejectedError",
]

_ROWS_PAGE = 1000
_TIMEOUT_S = 120


class GalleyError(Exception):
    """A request to Galley failed; `status` and `code` are the HTTP status and Galley's error code."""

    def __init__(self, message, status=None, code=None):
        super().__init__(message)
        self.status = status
        self.code = code


class NotConnectedError(GalleyError):
    """galley.connect(token=...) was not called (the workspace calls it when the kernel starts)."""


class AuthenticationError(GalleyError):
    """401: the token is missing, wrong or expired. Restart the kernel from the workspace for a new one."""


class PermissionDeniedError(GalleyError):
    """403: the user's roles do not allow this."""


class DatasetNotFoundError(GalleyError, LookupError):
    """404: no such dataset or version."""


class DatasetRejectedError(GalleyError):
    """The version failed a blocking expectation; Galley's consumers refuse such data."""


def _parse_ref(name_or_ref, version):
    if not isinstance(name_or_ref, str) or not name_or_ref:
        raise ValueError("name the dataset: load_dataset('seattle-weather') or load_dataset('seattle-weather@2')")
    name, at, ref_version = name_or_ref.partition("@")
    if at:
        if version not in ("latest", None) and str(version) != ref_version:
            raise ValueError(f"{name_or_ref!r} names version {ref_version} but version={version!r} was also given")
        version = ref_version
    version = "latest" if version in (None, "") else str(version)
    if version != "latest" and not re.fullmatch(r"[1-9][0-9]*", version):
        raise ValueError(f"a version is a whole number from 1, or 'latest'; not {version!r}")
    return name, version


class Client:
    """One connection to the gateway with one bearer token."""

    def __init__(self, token, api_url=None):
        if not token:
            raise NotConnectedError("galley.connect needs a token (the workspace passes one when the kernel starts)")
        api_url = api_url or os.environ.get("GALLEY_API_URL")
        if not api_url:
            raise NotConnectedError("no API URL: pass api_url=... or set GALLEY_API_URL")
        self.api_url = api_url.rstrip("/")
        self._token = token

    def __repr__(self):
        return f"<galley.Client {self.api_url}>"

    def _request(self, path, query=None):
        url = f"{self.api_url}/api/v1{path}"
        if query:
            url += "?" + urllib.parse.urlencode(query)
        request = urllib.request.Request(url, headers={"Authorization": f"Bearer {self._token}", "Accept": "*/*"})
        try:
            with urllib.request.urlopen(request, timeout=_TIMEOUT_S) as response:
                return response.read()
        except urllib.error.HTTPError as error:
            raise self._error_from(error) from None
        except urllib.error.URLError as error:
            raise GalleyError(f"cannot reach Galley at {self.api_url}: {error.reason}") from None

    @staticmethod
    def _error_from(error):
        detail, code = error.reason, None
        try:
            problem = json.loads(error.read().decode("utf-8"))
            detail, code = problem.get("detail", detail), problem.get("code")
        except (ValueError, AttributeError):
            pass
        kinds = {401: AuthenticationError, 403: PermissionDeniedError, 404: DatasetNotFoundError}
        kind = kinds.get(error.code, GalleyError)
        return kind(f"{error.code}: {detail}", status=error.code, code=code)

    def _json(self, path, query=None):
        return json.loads(self._request(path, query).decode("utf-8"))

    def dataset_version(self, name_or_ref, version="latest"):
        """The version's metadata (format, rows, columns, status) as a dict."""
        name, version = _parse_ref(name_or_ref, version)
        return self._json(f"/datasets/{urllib.parse.quote(name, safe='')}/versions/{version}")

    def load_dataset(self, name_or_ref, version="latest"):
        """A dataset version as a pandas DataFrame; 'latest' is the newest version not rejected."""
        import pandas as pd

        meta = self.dataset_version(name_or_ref, version)
        name, number = meta["dataset"], meta["version"]
        if meta.get("status") == "rejected":
            raise DatasetRejectedError(
                f"{name}@{number} was rejected by a blocking expectation; see GET /api/v1/datasets/{name}/versions/{number}/validation",
                code="catalog.version_rejected",
            )
        base = f"/datasets/{urllib.parse.quote(name, safe='')}/versions/{number}"
        columns = meta.get("columns", [])
        dates = [c["name"] for c in columns if c.get("logicalType") in ("date", "timestamp")]
        fmt = meta["format"]
        if fmt == "csv":
            frame = pd.read_csv(io.BytesIO(self._request(f"{base}/content")), parse_dates=dates or False)
        elif fmt == "jsonl":
            frame = pd.read_json(io.BytesIO(self._request(f"{base}/content")), lines=True, convert_dates=dates or False)
        elif fmt == "parquet":
            frame = self._rows_frame(base, columns, meta.get("rowCount"))
            for column in dates:
                frame[column] = pd.to_datetime(frame[column])
        else:
            raise GalleyError(f"{name}@{number} has a format this helper cannot read: {fmt}")
        frame.attrs["galley"] = {"dataset": name, "version": number, "sha256": meta.get("sha256"), "format": fmt}
        return frame

    def _rows_frame(self, base, columns, row_count):
        # pyarrow is not among the kernel's packages: read Parquet as JSON pages of rows, decoded by DuckDB.
        import pandas as pd

        names = [c["name"] for c in columns]
        rows, offset = [], 0
        while True:
            page = self._json(f"{base}/rows", {"offset": offset, "limit": _ROWS_PAGE})
            rows.extend(page["rows"])
            offset += len(page["rows"])
            total = page.get("total", row_count)
            if not page["rows"] or (total is not None and offset >= total):
                break
        return pd.DataFrame.from_records(rows, columns=names or None)


_client = None


def connect(token=None, api_url=None):
    """Use `token` for every call from this kernel; api_url defaults to $GALLEY_API_URL."""
    global _client
    _client = Client(token or os.environ.get("GALLEY_TOKEN"), api_url)
    return _client


def _connected():
    if _client is None:
        raise NotConnectedError("not connected: run galley.connect(token=...) first (the workspace does this when the kernel starts)")
    return _client


def load_dataset(name_or_ref, version="latest"):
    """A dataset version as a pandas DataFrame: load_dataset('seattle-weather'), ('seattle-weather@2'), or (name, version=2)."""
    return _connected().load_dataset(name_or_ref, version)
