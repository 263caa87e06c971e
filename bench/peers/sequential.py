"""The API documentation's own example, in a loop over the CSV: one requests.request per row, in order.

Usage: python3 sequential.py <file.csv> <server> (token in WOLKVOX_TOKEN)
Like the documented snippet it prints each answer and keeps nothing else: no retry, no pacing, no file
saying which row got which answer.
"""
import csv
import json
import os
import sys

import requests

file, server = sys.argv[1], sys.argv[2]
url = server + "/server/API/v2/custom/update.php"
headers = {
    "Wolkvox-Token": os.environ["WOLKVOX_TOKEN"],
    "Content-Type": "application/json",
}
with open(file, newline="", encoding="utf-8") as handle:
    for row in csv.DictReader(handle):
        payload = json.dumps({
            "operation": "op",
            "module": "contacts",
            "wolkvox-id": row["id"],
            "fields": {"Nombre": row["Nombre"], "Ciudad": row["Ciudad"]},
        })
        response = requests.request("POST", url, headers=headers, data=payload)
        print(response.text)
