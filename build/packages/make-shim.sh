#!/usr/bin/env bash
# Rebuilds Patched.DistributedLock.Postgres.1.3.3.nupkg from the nuspec beside it (a zip with fixed
# timestamps, so the committed file is reproducible). Only needed if the nuspec changes.
set -euo pipefail
cd "$(dirname "$0")"
python3 - <<'PY'
import zipfile
ct = ('<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="nuspec" ContentType="application/octet" /></Types>')
with zipfile.ZipFile("patched.distributedlock.postgres.1.3.3.nupkg", "w", zipfile.ZIP_DEFLATED) as z:
    for name, data in [("Patched.DistributedLock.Postgres.nuspec", open("Patched.DistributedLock.Postgres.nuspec").read()),
                       ("[Content_Types].xml", ct)]:
        info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, data)
PY
