# shellcheck shell=bash
# cert_fields.sh - a certificate's fields as the probe reports them and as
# openssl prints them, each put into one form, a "key=value" line per field,
# so that tests/lab/cert_lab.sh compares the two with diff.
#
#   cert_fields probe JSON
#       the certificate of the one result of `mailports --json --probe`
#   cert_fields verdict JSON
#       the same result's "secure", "tls13", whether its certificate is null,
#       and its cert-* warnings, sorted (- for none)
#   cert_fields openssl X509 TEXT CHAIN
#       X509: the output of `openssl x509 -noout -subject -issuer -dates
#       -fingerprint -sha256 -ext subjectAltName -nameopt RFC2253`; TEXT:
#       that of `openssl x509 -noout -text` (for the key and the signature);
#       CHAIN: how many certificates openssl s_client -showcerts saw
#
# Dates become ISO 8601 UTC, the fingerprint lower-case hex without colons,
# addresses their usual text (openssl writes an IPv6 address in full); the
# names are the subjectAltName's DNS and IP entries or, without them, the
# subject's common names, as a client matches them.
# Sourced by the lab; needs python3.

cert_fields() {
	python3 - "$@" <<'EOF'
import ipaddress
import json
import re
import sys
from datetime import datetime, timezone

FIELDS = ("subject", "issuer", "names", "not_before", "not_after", "sha256",
          "key", "signature", "self_signed", "chain")


def show(fields):
    for key in FIELDS:
        print("%s=%s" % (key, fields[key]))


def result(path):
    with open(path, encoding="utf-8") as f:
        answer = json.load(f)
    results = answer.get("results", [])
    if len(results) != 1:
        sys.exit("%s: %d results, wanted 1" % (path, len(results)))
    return results[0]


def word(value):
    return json.dumps(value)


def verdict(path):
    found = result(path)
    print("secure=" + word(found["secure"]))
    print("tls13=" + word(found.get("tls13")))
    if found.get("certificate") is None:
        print("certificate=null")
    keys = sorted(w for w in found["warnings"] if w.startswith("cert-"))
    print("warnings=" + (",".join(keys) or "-"))


# The names the probe keeps of a certificate (MP_CERT_NAMES_MAX); it
# counts the others in names_total.
NAMES_KEPT = 16


def names_field(names, total):
    return ",".join(names) + " (%d in all)" % total


def probe(path):
    cert = result(path).get("certificate")
    if cert is None:
        print("certificate=null")
        return
    fields = dict(cert)
    fields["names"] = names_field(cert["names"], cert["names_total"])
    fields["self_signed"] = "true" if cert["self_signed"] else "false"
    show(fields)


def iso(text):
    # "Jan  1 00:00:00 2051 GMT", as openssl prints a time.
    when = datetime.strptime(" ".join(text.split()), "%b %d %H:%M:%S %Y GMT")
    return when.replace(tzinfo=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def common_names(subject):
    # RFC 2253 text: attributes split at commas not escaped.
    names = []
    for part in re.split(r"(?<!\\),", subject):
        if part.startswith("CN="):
            names.append(re.sub(r"\\(.)", r"\1", part[3:]))
    # RFC 2253 text runs from the last RDN to the first; a client reads
    # the names in the certificate's order.
    return list(reversed(names))


def openssl(x509_path, text_path, chain):
    with open(x509_path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    fields = {"chain": chain}
    names = None
    for i, line in enumerate(lines):
        if line.startswith("subject="):
            fields["subject"] = line[len("subject="):]
        elif line.startswith("issuer="):
            fields["issuer"] = line[len("issuer="):]
        elif line.startswith("notBefore="):
            fields["not_before"] = iso(line[len("notBefore="):])
        elif line.startswith("notAfter="):
            fields["not_after"] = iso(line[len("notAfter="):])
        elif line.startswith("sha256 Fingerprint="):
            fields["sha256"] = line.split("=", 1)[1].replace(":", "").lower()
        elif line.startswith("X509v3 Subject Alternative Name"):
            names = []
            for entry in lines[i + 1].strip().split(", "):
                kind, _, value = entry.partition(":")
                if kind == "DNS":
                    names.append(value)
                elif kind == "IP Address":
                    names.append(str(ipaddress.ip_address(value)))
    if names is None:
        names = common_names(fields["subject"])
    fields["names"] = names_field(names[:NAMES_KEPT], len(names))
    fields["self_signed"] = ("true" if fields["subject"] == fields["issuer"]
                             else "false")
    with open(text_path, encoding="utf-8") as f:
        text = f.read()
    algorithm = re.search(r"Public Key Algorithm: (\S+)", text).group(1)
    bits = re.search(r"Public-Key: \((\d+) bit\)", text)
    bits = bits.group(1) if bits else ""
    if algorithm == "rsaEncryption":
        fields["key"] = "RSA " + bits
    elif algorithm == "id-ecPublicKey":
        fields["key"] = "EC " + re.search(r"NIST CURVE: (\S+)", text).group(1)
    else:
        fields["key"] = algorithm
    fields["signature"] = re.search(r"Signature Algorithm: (\S+)",
                                    text).group(1)
    show(fields)


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "probe":
        probe(sys.argv[2])
    elif len(sys.argv) == 3 and sys.argv[1] == "verdict":
        verdict(sys.argv[2])
    elif len(sys.argv) == 5 and sys.argv[1] == "openssl":
        openssl(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit("usage: cert_fields probe JSON | verdict JSON | openssl X509 TEXT CHAIN")


main()
EOF
}
