#!/usr/bin/python3
#-------------------------------------------------------------------------
#
# gen-fixtures.py
#	  Generate the X.509 certificate fixtures used by profcheck's tests.
#
# The fixtures are a small private PKI (a root, a TLS issuing CA and the
# subscriber certificates it issued) plus certificates that each break one
# requirement, precertificates, a bare TBSCertificate and inputs that are
# not certificates at all.  Every output is deterministic: keys are created
# once and then read back from test/fixtures/keys/, serials and dates are
# fixed, and every signature is RSA PKCS#1 v1.5, which has no random
# component.  Running the script twice gives byte-identical files.
#
# Outputs, all in test/fixtures/:
#	<name>.pem		one PEM certificate per parseable fixture
#	<name>.der		bare TBSCertificate and malformed inputs (not PEM)
#	fixtures.sql	CREATE TABLE fixture + one INSERT per fixture (hex DER)
#	MANIFEST.tsv	name, rules that must fire, note
#
# The "fires" column lists the rules a correct linter reports on the
# fixture, among all rules named anywhere in the manifest.  Rule scope and
# windows follow ZLint's lints of the same name (CheckApplies/effective
# dates), and profcheck's own names for the two 398/397-day CABF_BR rules
# and the two precertificate poison rules.
#
# Run with Debian's interpreter and python3-cryptography (version 38):
#	/usr/bin/python3 test/gen-fixtures.py
#
# test/gen-fixtures.py
#
#-------------------------------------------------------------------------

import datetime
import hashlib
import os
import sys
import warnings

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509.oid import (AuthorityInformationAccessOID,
                                   ExtendedKeyUsageOID, ExtensionOID,
                                   NameOID, ObjectIdentifier)

TEST_DIR = os.path.dirname(os.path.abspath(__file__))
FIXTURE_DIR = os.path.join(TEST_DIR, "fixtures")
KEY_DIR = os.path.join(FIXTURE_DIR, "keys")

DER = serialization.Encoding.DER
PEM = serialization.Encoding.PEM

# CA/Browser Forum reserved policy identifiers (BR 7.1.6.1)
POLICY_DV = ObjectIdentifier("2.23.140.1.2.1")
POLICY_OV = ObjectIdentifier("2.23.140.1.2.2")
POLICY_IV = ObjectIdentifier("2.23.140.1.2.3")
POLICY_EV = ObjectIdentifier("2.23.140.1.1")

# Certificate Transparency (RFC 6962)
OID_CT_POISON = ObjectIdentifier("1.3.6.1.4.1.11129.2.4.3")
OID_CT_SCT_LIST = ObjectIdentifier("1.3.6.1.4.1.11129.2.4.2")

SERVER_AUTH = ExtendedKeyUsageOID.SERVER_AUTH
CLIENT_AUTH = ExtendedKeyUsageOID.CLIENT_AUTH
CODE_SIGNING = ExtendedKeyUsageOID.CODE_SIGNING
TIME_STAMPING = ExtendedKeyUsageOID.TIME_STAMPING
EMAIL_PROTECTION = ExtendedKeyUsageOID.EMAIL_PROTECTION
OCSP_SIGNING = ExtendedKeyUsageOID.OCSP_SIGNING
PRECERT_SIGNING = ObjectIdentifier("1.3.6.1.4.1.11129.2.4.4")

# Policies of the other CA/Browser Forum requirements: Code Signing BR
# 9.3.4 (code signing, timestamping) and S/MIME BR 7.1.6.1
POLICY_CODE_SIGNING = ObjectIdentifier("2.23.140.1.4.1")
POLICY_TIMESTAMPING = ObjectIdentifier("2.23.140.1.4.2")
POLICY_SMIME_MV_STRICT = ObjectIdentifier("2.23.140.1.5.1.3")

# id-on-SmtpUTF8Mailbox (RFC 8398)
OID_SMTP_UTF8_MAILBOX = ObjectIdentifier("1.3.6.1.5.5.7.8.9")

# AlgorithmIdentifier encodings (BR 7.1.3.2), used to build SHA-1 by hand
ALGID_SHA256_RSA = bytes.fromhex("300d06092a864886f70d01010b0500")
ALGID_SHA1_RSA = bytes.fromhex("300d06092a864886f70d0101050500")

DAY = datetime.timedelta(days=1)
SECOND = datetime.timedelta(seconds=1)

# Rule names used in the manifest, gathered here so that a typo shows up
# as a NameError rather than as a silently unmatched rule.
R_39_MONTHS = "e_sub_cert_valid_time_longer_than_39_months"
R_825_DAYS = "e_sub_cert_valid_time_longer_than_825_days"
R_APPLE_398 = "e_tls_server_cert_valid_time_longer_than_398_days"
R_APPLE_397 = "w_tls_server_cert_valid_time_longer_than_397_days"
R_BR_398 = "e_sub_cert_valid_time_longer_than_398_days"
R_BR_397 = "w_sub_cert_valid_time_longer_than_397_days"
R_200 = "e_server_cert_valid_time_longer_than_200_days"
R_199 = "w_server_cert_valid_time_longer_than_199_days"
R_100 = "e_server_cert_valid_time_longer_than_100_days"
R_99 = "w_server_cert_valid_time_longer_than_99_days"
R_47 = "e_server_cert_valid_time_longer_than_47_days"
R_46 = "w_server_cert_valid_time_longer_than_46_days"
R_IV_NAME = "e_cab_iv_requires_personal_name"
R_IV_NAME_STRICT = "e_cab_iv_requires_personal_name_strict"
R_IV_LOCALITY = "e_cert_policy_iv_requires_province_or_locality"
R_IV_COUNTRY = "e_cert_policy_iv_requires_country"
R_OV_ORG = "e_cab_ov_requires_org"
R_OV_COUNTRY = "e_cert_policy_ov_requires_country"
R_OV_LOCALITY = "e_cert_policy_ov_requires_province_or_locality"
R_DV_ORG = "e_cab_dv_conflicts_with_org"
R_DV_STREET = "e_cab_dv_conflicts_with_street"
R_DV_LOCALITY = "e_cab_dv_conflicts_with_locality"
R_DV_PROVINCE = "e_cab_dv_conflicts_with_province"
R_DV_POSTAL = "e_cab_dv_conflicts_with_postal"
R_DV_INVALID = "e_cab_dv_subject_invalid_values"
R_SAN_MISSING = "e_ext_san_missing"
R_CN_NOT_FROM_SAN = "e_subject_common_name_not_from_san"
R_CN_NOT_EXACTLY = "e_subject_common_name_not_exactly_from_san"
R_RSA_2048 = "e_rsa_mod_less_than_2048_bits"
R_SHA1 = "e_sub_cert_or_sub_ca_using_sha1"
R_CP_MISSING = "e_sub_cert_certificate_policies_missing"
R_SUB_NOT_CA = "e_sub_cert_not_is_ca"
R_BC_NOT_CRITICAL = "e_basic_constraints_not_critical"
R_CA_KU_MISSING = "e_ca_key_usage_missing"
R_CA_KU_NOT_CRITICAL = "e_ca_key_usage_not_critical"
R_CA_CERT_SIGN = "e_ca_key_cert_sign_not_set"
R_CA_CRL_SIGN = "e_ca_crl_sign_not_set"
R_CA_IS_CA = "e_ca_is_ca"
R_POISON_CRITICAL = "e_precert_poison_not_critical"
R_POISON_VALUE = "e_precert_poison_invalid_value"
R_PRECERT_SCT = "e_precert_with_sct_list"
R_EMPTY_SCT = "e_empty_sct_list"
R_UNPARSEABLE = "f_certificate_unparseable"

# The four validity rules that fire on a TLS subscriber certificate issued
# in the 398-day era (2020-09-01 .. 2026-03-14) and valid for > 398 days.
RULES_398 = (R_APPLE_398, R_APPLE_397, R_BR_398, R_BR_397)


#-------------------------------------------------------------------------
# Small helpers: time, DER, serial numbers
#-------------------------------------------------------------------------

def utc(year, month, day, hour=0, minute=0, second=0):
    """A timezone-aware UTC datetime."""
    return datetime.datetime(year, month, day, hour, minute, second,
                             tzinfo=datetime.timezone.utc)


def valid_for_days(not_before, days):
    """
    notAfter for a validity period of exactly `days` days.

    RFC 5280 and BR 6.3.2 count the period inclusively, so the period is
    notAfter - notBefore + 1 s; we return notBefore + days - 1 s, making
    that sum exactly days * 86400 s.
    """
    return not_before + days * DAY - SECOND


def der_length(n):
    """DER length octets for a content of n octets."""
    if n < 0x80:
        return bytes([n])
    octets = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(octets)]) + octets


def der_tlv(tag, content):
    """One DER element: tag, definite length, content."""
    return bytes([tag]) + der_length(len(content)) + content


def der_header_length(data):
    """Length of the tag and length octets of the DER element at data[0]."""
    if data[1] < 0x80:
        return 2
    return 2 + (data[1] & 0x7f)


def fixed_serial(label):
    """
    A random-looking but fixed 16-octet serial number.

    Derived from SHA-256 of the label.  The first octet is forced into
    0x40..0x7f so the INTEGER is positive and its DER content is exactly
    16 octets (no leading zero octet needed, none allowed to vanish).
    """
    digest = bytearray(hashlib.sha256(b"profcheck serial "
                                      + label.encode()).digest()[:16])
    digest[0] = (digest[0] & 0x3f) | 0x40
    return int.from_bytes(digest, "big")


def pseudo_random_bytes(seed, count):
    """count deterministic pseudo-random octets (SHA-256 in counter mode)."""
    out = b""
    counter = 0
    while len(out) < count:
        out += hashlib.sha256(seed + counter.to_bytes(4, "big")).digest()
        counter += 1
    return out[:count]


#-------------------------------------------------------------------------
# Keys
#-------------------------------------------------------------------------

# file name (without .pem) -> (algorithm, size or curve)
KEY_SPECS = {
    "root-r1": ("rsa", 4096),
    "tls-ca-1": ("rsa", 2048),
    "test-ca-2": ("rsa", 2048),
    "leaf-rsa2048": ("rsa", 2048),
    "leaf-rsa1024": ("rsa", 1024),
    "leaf-p256": ("ec", "secp256r1"),
    "leaf-p384": ("ec", "secp384r1"),
}


def load_or_create_key(name):
    """
    Read test/fixtures/keys/<name>.pem, creating it first if it is absent.

    The keys are fixtures too: once created they are committed and reused,
    which is what makes the certificates reproducible.
    """
    algorithm, param = KEY_SPECS[name]
    path = os.path.join(KEY_DIR, name + ".pem")

    if os.path.exists(path):
        with open(path, "rb") as f:
            key = serialization.load_pem_private_key(f.read(), password=None)
    else:
        if algorithm == "rsa":
            key = rsa.generate_private_key(public_exponent=65537,
                                           key_size=param)
        else:
            curve = {"secp256r1": ec.SECP256R1,
                     "secp384r1": ec.SECP384R1}[param]
            key = ec.generate_private_key(curve())
        os.makedirs(KEY_DIR, exist_ok=True)
        with open(path, "wb") as f:
            f.write(key.private_bytes(serialization.Encoding.PEM,
                                      serialization.PrivateFormat.PKCS8,
                                      serialization.NoEncryption()))

    # A key file replaced by hand must still match what the fixtures claim.
    if algorithm == "rsa":
        ok = isinstance(key, rsa.RSAPrivateKey) and key.key_size == param
    else:
        ok = (isinstance(key, ec.EllipticCurvePrivateKey)
              and key.curve.name == param)
    if not ok:
        sys.exit("%s: expected a %s %s key" % (path, algorithm, param))
    return key


#-------------------------------------------------------------------------
# Names
#-------------------------------------------------------------------------

def make_name(*attributes):
    """
    An X.509 Name from (oid, value) pairs, one attribute per RDN, in the
    order given (callers follow the BR 7.1.4.2 order: C, ST, L,
    postalCode, street, O, surname, givenName, CN).  cryptography encodes
    countryName, jurisdictionCountryName and serialNumber as
    PrintableString and the rest as UTF8String.
    """
    return x509.Name([x509.NameAttribute(oid, value)
                      for oid, value in attributes])


C_HU = (NameOID.COUNTRY_NAME, "HU")
ST_PEST = (NameOID.STATE_OR_PROVINCE_NAME, "Pest")
L_BUDAPEST = (NameOID.LOCALITY_NAME, "Budapest")
POSTAL = (NameOID.POSTAL_CODE, "1051")
STREET = (NameOID.STREET_ADDRESS, "Example utca 1.")
O_SUBSCRIBER = (NameOID.ORGANIZATION_NAME, "profcheck Subscriber Kft.")
SURNAME = (NameOID.SURNAME, "Minta")
GIVEN_NAME = (NameOID.GIVEN_NAME, "Janos")
BUSINESS_CATEGORY = (NameOID.BUSINESS_CATEGORY, "Private Organization")
JURISDICTION_C = (NameOID.JURISDICTION_COUNTRY_NAME, "HU")
EV_SERIAL = (NameOID.SERIAL_NUMBER, "01-09-999999")


def cn(value):
    return (NameOID.COMMON_NAME, value)


def dv_subject(host):
    return make_name(cn(host))


def ov_subject(host):
    return make_name(C_HU, L_BUDAPEST, O_SUBSCRIBER, cn(host))


def iv_subject(host):
    return make_name(C_HU, L_BUDAPEST, SURNAME, GIVEN_NAME, cn(host))


def ev_subject(host):
    return make_name(C_HU, L_BUDAPEST, BUSINESS_CATEGORY, JURISDICTION_C,
                     EV_SERIAL, O_SUBSCRIBER, cn(host))


def subject_for_policy(policy, host):
    """The good subject for a subscriber certificate of the given type."""
    return {POLICY_DV: dv_subject, POLICY_OV: ov_subject,
            POLICY_IV: iv_subject, POLICY_EV: ev_subject}[policy](host)


def host_for(fixture_name):
    """A DNS name under example.com derived from the fixture name."""
    return fixture_name.replace("_", "-") + ".example.com"


#-------------------------------------------------------------------------
# Issuers and the certificate builder
#-------------------------------------------------------------------------

class Issuer:
    """A CA that signs fixtures: its name, key and published URLs."""

    def __init__(self, name, key, slug):
        self.name = name
        self.key = key
        self.ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
        self.ca_issuers_url = "http://pki.example.com/profcheck/%s.der" % slug
        self.crl_url = "http://crl.example.com/profcheck/%s.crl" % slug
        self.ocsp_url = "http://ocsp.example.com/profcheck/%s" % slug


def set_ext(exts, value, critical):
    """
    Return exts (a list of (ExtensionType, critical) pairs) with the
    extension of value's OID replaced in place, or appended if absent.
    """
    out = []
    replaced = False
    for old, old_critical in exts:
        if old.oid == value.oid:
            out.append((value, critical))
            replaced = True
        else:
            out.append((old, old_critical))
    if not replaced:
        out.append((value, critical))
    return out


def drop_ext(exts, oid):
    """Return exts without the extension of the given OID."""
    kept = [(v, c) for v, c in exts if v.oid != oid]
    assert len(kept) == len(exts) - 1, "no extension %s to drop" % oid
    return kept


def issue(issuer, subject, public_key, serial, not_before, not_after, exts,
          sha1=False):
    """Build and sign one certificate; return its DER encoding."""
    builder = x509.CertificateBuilder(issuer_name=issuer.name,
                                      subject_name=subject,
                                      public_key=public_key,
                                      serial_number=serial,
                                      not_valid_before=not_before,
                                      not_valid_after=not_after)
    for value, critical in exts:
        builder = builder.add_extension(value, critical)

    if sha1:
        return sign_sha1(builder, issuer.key)
    # RSA keys sign with PKCS#1 v1.5, which is deterministic.
    return builder.sign(issuer.key, hashes.SHA256()).public_bytes(DER)


def sign_sha1(builder, key):
    """
    Sign with sha1WithRSAEncryption.

    cryptography 38 still does this (with a deprecation warning).  Should a
    later version refuse, assemble the certificate by hand: take the TBS of
    a SHA-256 signing, swap the signature AlgorithmIdentifier (both are 15
    octets, so no length changes), sign the TBS and wrap it.  Both paths
    give the same bytes.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return builder.sign(key, hashes.SHA1()).public_bytes(DER)
    except (UnsupportedAlgorithm, ValueError):
        pass

    tbs = builder.sign(key, hashes.SHA256()).tbs_certificate_bytes
    assert tbs.count(ALGID_SHA256_RSA) == 1
    tbs = tbs.replace(ALGID_SHA256_RSA, ALGID_SHA1_RSA)
    signature = key.sign(tbs, padding.PKCS1v15(), hashes.SHA1())
    return der_tlv(0x30, tbs + ALGID_SHA1_RSA
                   + der_tlv(0x03, b"\x00" + signature))


#-------------------------------------------------------------------------
# Extension values
#-------------------------------------------------------------------------

def key_usage(digital_signature=False, key_encipherment=False,
              key_cert_sign=False, crl_sign=False):
    return x509.KeyUsage(digital_signature=digital_signature,
                         content_commitment=False,
                         key_encipherment=key_encipherment,
                         data_encipherment=False,
                         key_agreement=False,
                         key_cert_sign=key_cert_sign,
                         crl_sign=crl_sign,
                         encipher_only=False,
                         decipher_only=False)


def policies(*oids):
    return x509.CertificatePolicies([x509.PolicyInformation(oid, None)
                                     for oid in oids])


def crl_distribution_points(url):
    point = x509.DistributionPoint(
        full_name=[x509.UniformResourceIdentifier(url)],
        relative_name=None, reasons=None, crl_issuer=None)
    return x509.CRLDistributionPoints([point])


def authority_information_access(issuer, ocsp=True):
    descriptions = []
    if ocsp:
        descriptions.append(x509.AccessDescription(
            AuthorityInformationAccessOID.OCSP,
            x509.UniformResourceIdentifier(issuer.ocsp_url)))
    descriptions.append(x509.AccessDescription(
        AuthorityInformationAccessOID.CA_ISSUERS,
        x509.UniformResourceIdentifier(issuer.ca_issuers_url)))
    return x509.AuthorityInformationAccess(descriptions)


def sct_list_value(seed, timestamp, count=2):
    """
    extnValue of an SCT list extension: an OCTET STRING holding a
    TLS-encoded SignedCertificateTimestampList (RFC 6962 3.3) with `count`
    SCTs.  Log IDs and signatures are fake, but every length prefix is
    right and each signature is a well-formed DER ECDSA-Sig-Value.
    """
    millis = int(timestamp.timestamp()) * 1000
    scts = b""
    for i in range(count):
        label = seed + b" sct %d" % i
        log_id = hashlib.sha256(label + b" log").digest()
        r = bytearray(hashlib.sha256(label + b" r").digest())
        s = bytearray(hashlib.sha256(label + b" s").digest())
        r[0] = (r[0] & 0x3f) | 0x40      # positive, minimal INTEGERs
        s[0] = (s[0] & 0x3f) | 0x40
        signature = der_tlv(0x30, der_tlv(0x02, bytes(r))
                            + der_tlv(0x02, bytes(s)))
        sct = (b"\x00"                            # version v1
               + log_id                           # LogID, 32 octets
               + (millis + i).to_bytes(8, "big")  # timestamp (ms)
               + b"\x00\x00"                      # no CtExtensions
               + b"\x04\x03"                      # sha256, ecdsa
               + len(signature).to_bytes(2, "big") + signature)
        scts += len(sct).to_bytes(2, "big") + sct
    tls_list = len(scts).to_bytes(2, "big") + scts
    return der_tlv(0x04, tls_list)


def sct_list_extension(seed, timestamp):
    return x509.UnrecognizedExtension(OID_CT_SCT_LIST,
                                      sct_list_value(seed, timestamp))


def empty_sct_list_extension():
    # OCTET STRING { 00 00 }: a TLS list of length zero
    return x509.UnrecognizedExtension(OID_CT_SCT_LIST, b"\x04\x02\x00\x00")


#-------------------------------------------------------------------------
# Fixture registry and output
#-------------------------------------------------------------------------

class Fixture:
    def __init__(self, name, der, fires, note, form):
        self.name = name
        self.der = der
        self.fires = tuple(sorted(set(fires)))
        self.note = note
        self.form = form        # "pem", "der" or None (SQL/manifest only)


FIXTURES = {}


def add(name, der, fires, note, form="pem"):
    """Register one fixture.  fires: rule names that must fire on it."""
    assert name not in FIXTURES, "duplicate fixture " + name
    assert "\t" not in note and "\n" not in note
    FIXTURES[name] = Fixture(name, der, fires, note, form)
    return der


def write_file(path, data):
    with open(path, "wb") as f:
        f.write(data)


def write_outputs():
    fixtures = [FIXTURES[name] for name in sorted(FIXTURES)]

    for fx in fixtures:
        if fx.form == "pem":
            cert = x509.load_der_x509_certificate(fx.der)
            write_file(os.path.join(FIXTURE_DIR, fx.name + ".pem"),
                       cert.public_bytes(PEM))
        elif fx.form == "der":
            write_file(os.path.join(FIXTURE_DIR, fx.name + ".der"), fx.der)

    sql = ["-- Generated by test/gen-fixtures.py; do not edit.",
           "-- Literals assume standard_conforming_strings = on.",
           "CREATE TABLE fixture (name text PRIMARY KEY, der bytea NOT NULL,"
           " note text);"]
    for fx in fixtures:
        sql.append("INSERT INTO fixture VALUES ('%s', '\\x%s'::bytea, '%s');"
                   % (fx.name, fx.der.hex(), fx.note.replace("'", "''")))
    write_file(os.path.join(FIXTURE_DIR, "fixtures.sql"),
               ("\n".join(sql) + "\n").encode())

    manifest = ["name\tfires\tnote"]
    for fx in fixtures:
        manifest.append("%s\t%s\t%s" % (fx.name, ",".join(fx.fires) or "-",
                                        fx.note))
    write_file(os.path.join(FIXTURE_DIR, "MANIFEST.tsv"),
               ("\n".join(manifest) + "\n").encode())


def check_outputs():
    """
    Cheap self-checks before writing: every certificate fixture parses as a
    certificate and goes to a .pem file; the bare TBSCertificate and every
    input declared unparseable do not parse and never go to a .pem file.
    """
    for fx in FIXTURES.values():
        try:
            x509.load_der_x509_certificate(fx.der)
            parses = True
        except ValueError:
            parses = False
        if R_UNPARSEABLE in fx.fires or fx.name.startswith("tbs_"):
            assert not parses, fx.name + " unexpectedly parses"
            assert fx.form != "pem", fx.name
        else:
            assert parses, fx.name + " does not parse"
            assert fx.form == "pem", fx.name


#-------------------------------------------------------------------------
# The hierarchy
#-------------------------------------------------------------------------

def build_root(key):
    """profcheck Test Root R1: RSA 4096, self-signed, 2015-01-01..2040."""
    name = make_name(C_HU, (NameOID.ORGANIZATION_NAME, "profcheck Test"),
                     cn("profcheck Test Root R1"))
    root = Issuer(name, key, "root-r1")
    exts = [(x509.BasicConstraints(ca=True, path_length=None), True),
            (key_usage(key_cert_sign=True, crl_sign=True), True),
            (root.ski, False)]
    der = issue(root, name, key.public_key(), fixed_serial("root-r1"),
                utc(2015, 1, 1), utc(2040, 1, 1), exts)
    add("good_root", der, [],
        "Root R1, RSA 4096, self-signed, BC/KU critical, 2015-01-01..2040")
    return root


def ca_extensions(root, ca_key):
    """
    Extensions of a TLS subordinate CA issued by the root: the good
    profile that the bad_ca_* fixtures are derived from.
    """
    return [(x509.BasicConstraints(ca=True, path_length=0), True),
            (key_usage(digital_signature=True, key_cert_sign=True,
                       crl_sign=True), True),
            (x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()),
             False),
            (x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(
                root.ski), False),
            (x509.ExtendedKeyUsage([SERVER_AUTH, CLIENT_AUTH]), False),
            (policies(POLICY_DV, POLICY_OV, POLICY_IV, POLICY_EV), False),
            (crl_distribution_points(root.crl_url), False),
            (authority_information_access(root, ocsp=False), False)]


def build_tls_ca(root, key):
    """profcheck Test TLS CA 1: RSA 2048, issued by the root, 2016..2036."""
    name = make_name(C_HU, (NameOID.ORGANIZATION_NAME, "profcheck Test"),
                     cn("profcheck Test TLS CA 1"))
    der = issue(root, name, key.public_key(), fixed_serial("tls-ca-1"),
                utc(2016, 1, 1), utc(2036, 1, 1), ca_extensions(root, key))
    add("good_tls_ca", der, [],
        "TLS CA 1 issued by the root: BC critical pathLen 0, KU critical, "
        "EKU serverAuth+clientAuth, CP DV+OV+IV+EV")
    return Issuer(name, key, "tls-ca-1")


#-------------------------------------------------------------------------
# Subscriber certificates
#-------------------------------------------------------------------------

def leaf_extensions(issuer, sans, policy, ec_key=False,
                    eku=(SERVER_AUTH, CLIENT_AUTH)):
    """
    The good TLS subscriber profile: KU critical (digitalSignature, plus
    keyEncipherment for RSA), EKU, AKI keyid, AIA with OCSP and caIssuers,
    SAN, CP with the one reserved OID, CRLDP.  No SKI, no BC.
    """
    exts = [(key_usage(digital_signature=True,
                       key_encipherment=not ec_key), True),
            (x509.ExtendedKeyUsage(list(eku)), False),
            (x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(
                issuer.ski), False),
            (authority_information_access(issuer), False)]
    if sans:
        exts.append((x509.SubjectAlternativeName(
            [x509.DNSName(host) for host in sans]), False))
    exts.append((policies(policy), False))
    exts.append((crl_distribution_points(issuer.crl_url), False))
    return exts


class Leaf:
    """
    Parameters of one subscriber certificate.  Start from the good profile
    (DV unless told otherwise) and change only what the fixture is about.
    """

    def __init__(self, name, issuer, key, not_before, not_after,
                 policy=POLICY_DV, subject=None, sans=None,
                 eku=None, serial=None):
        if eku is None:
            # Chrome Root Program 1.8: no clientAuth in TLS server
            # certificates issued from 2027-03-15 (e_client_auth_not_allowed).
            eku = ((SERVER_AUTH,) if not_before >= datetime.datetime(2027, 3, 15, tzinfo=datetime.timezone.utc)
                   else (SERVER_AUTH, CLIENT_AUTH))
        if sans is None:
            host = host_for(name)
            sans = [host, "www." + host]
        if subject is None:
            subject = subject_for_policy(policy, sans[0])
        if serial is None:
            serial = fixed_serial(name)
        ec_key = isinstance(key, ec.EllipticCurvePrivateKey)

        self.issuer = issuer
        self.key = key
        self.not_before = not_before
        self.not_after = not_after
        self.sans = sans
        self.subject = subject
        self.serial = serial
        self.exts = leaf_extensions(issuer, sans, policy, ec_key=ec_key,
                                    eku=eku)
        # RFC 5280 4.2.1.2: end-entity certificates SHOULD carry a
        # subjectKeyIdentifier; BR 7.1.2.7.6 makes it NOT RECOMMENDED for
        # subscribers from 2023-09-15.  Follow whichever was in force.
        if not_before < datetime.datetime(2023, 9, 15, tzinfo=datetime.timezone.utc):
            self.exts = set_ext(self.exts, x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                                False)
        self.sha1 = False

    def der(self):
        return issue(self.issuer, self.subject, self.key.public_key(),
                     self.serial, self.not_before, self.not_after, self.exts,
                     sha1=self.sha1)


def precertificate(leaf):
    """Turn a Leaf into a precertificate: add the critical poison (NULL)."""
    leaf.exts = set_ext(leaf.exts, x509.PrecertPoison(), True)
    return leaf


def build_good_subscribers(ca, keys):
    rsa_key = keys["leaf-rsa2048"]

    # DV, one per validity era, each exactly at its era's SHOULD limit
    # (or comfortably below where there is none).
    add("good_dv_2017",
        Leaf("good_dv_2017", ca, rsa_key, utc(2017, 6, 1),
             valid_for_days(utc(2017, 6, 1), 730)).der(), [],
        "DV, notBefore 2017-06-01, 730 days (39-month era)")
    add("good_dv_2019",
        Leaf("good_dv_2019", ca, rsa_key, utc(2019, 6, 1),
             valid_for_days(utc(2019, 6, 1), 800)).der(), [],
        "DV, notBefore 2019-06-01, 800 days (825-day era)")
    good_dv_2021 = add(
        "good_dv_2021",
        Leaf("good_dv_2021", ca, rsa_key, utc(2021, 6, 1),
             valid_for_days(utc(2021, 6, 1), 397)).der(), [],
        "DV, notBefore 2021-06-01, exactly 397 days (398-day era)")
    leaf = Leaf("good_dv_2024", ca, rsa_key, utc(2024, 6, 1),
                valid_for_days(utc(2024, 6, 1), 397))
    leaf.subject = make_name(C_HU, cn(leaf.sans[0]))
    add("good_dv_2024", leaf.der(), [],
        "DV, notBefore 2024-06-01, 397 days, subject C + CN (BR 2.0 DV)")
    for year, days in ((2026, 199), (2027, 99), (2029, 46)):
        name = "good_dv_%d" % year
        nb = utc(year, 4, 1)
        add(name, Leaf(name, ca, rsa_key, nb,
                       valid_for_days(nb, days)).der(), [],
            "DV, notBefore %d-04-01, exactly %d days (SC-081 era)"
            % (year, days))

    # OV, IV, EV in the BR 1.x and BR 2.0 eras
    for policy, kind in ((POLICY_OV, "ov"), (POLICY_IV, "iv"),
                         (POLICY_EV, "ev")):
        for year in (2021, 2024):
            name = "good_%s_%d" % (kind, year)
            nb = utc(year, 6, 1)
            add(name, Leaf(name, ca, rsa_key, nb, valid_for_days(nb, 397),
                           policy=policy).der(), [],
                "%s, notBefore %d-06-01, 397 days" % (kind.upper(), year))

    # ECDSA subscriber keys (the CA still signs with RSA)
    for curve, key_name in (("p256", "leaf-p256"), ("p384", "leaf-p384")):
        name = "good_ecdsa_%s_2021" % curve
        nb = utc(2021, 6, 1)
        add(name, Leaf(name, ca, keys[key_name], nb,
                       valid_for_days(nb, 397)).der(), [],
            "DV, ECDSA %s subscriber key, KU digitalSignature only"
            % curve.upper())

    # A precertificate and its final certificate: same serial, subject,
    # validity and extensions, except poison vs. SCT list (RFC 6962 3.2).
    nb = utc(2021, 6, 1)
    na = valid_for_days(nb, 397)
    serial = fixed_serial("good_ct_pair_2021")
    sans = [host_for("good_ct_2021"), "www." + host_for("good_ct_2021")]
    leaf = precertificate(Leaf("good_precert_2021", ca, rsa_key, nb, na,
                               sans=sans, serial=serial))
    add("good_precert_2021", leaf.der(), [],
        "DV precertificate, poison critical NULL; pairs with good_sct_2021")
    leaf = Leaf("good_sct_2021", ca, rsa_key, nb, na, sans=sans,
                serial=serial)
    leaf.exts.append((sct_list_extension(b"good_ct_pair_2021", nb), False))
    add("good_sct_2021", leaf.der(), [],
        "DV final certificate with a 2-entry SCT list; pairs with "
        "good_precert_2021")

    return good_dv_2021


#-------------------------------------------------------------------------
# Defects
#-------------------------------------------------------------------------

def build_validity_defects(ca, keys):
    rsa_key = keys["leaf-rsa2048"]

    def dv(name, not_before, not_after, fires, note):
        add(name, Leaf(name, ca, rsa_key, not_before, not_after).der(),
            fires, note)

    nb = utc(2017, 6, 1)
    dv("bad_validity_40_months_2017", nb, utc(2020, 10, 1), [R_39_MONTHS],
       "DV, notBefore 2017-06-01, notAfter 2020-10-01 (40 months)")

    nb = utc(2019, 6, 1)
    dv("bad_validity_826_days_2019", nb, nb + 826 * DAY, [R_825_DAYS],
       "DV, notBefore 2019-06-01, notAfter - notBefore = 826 days")

    nb = utc(2021, 6, 1)
    dv("bad_validity_399_days_2021", nb, valid_for_days(nb, 399), RULES_398,
       "DV, notBefore 2021-06-01, 399 days")
    dv("bad_validity_398_days_2021", nb, valid_for_days(nb, 398),
       [R_APPLE_397, R_BR_397],
       "DV, notBefore 2021-06-01, exactly 398 days (SHOULD broken only)")

    for year, limit, e_rule, w_rule in ((2026, 200, R_200, R_199),
                                        (2027, 100, R_100, R_99),
                                        (2029, 47, R_47, R_46)):
        nb = utc(year, 4, 1)
        dv("bad_validity_%d_days_%d" % (limit + 1, year), nb,
           valid_for_days(nb, limit + 1), [e_rule, w_rule],
           "DV, notBefore %d-04-01, %d days" % (year, limit + 1))
        dv("bad_validity_%d_days_%d" % (limit, year), nb,
           valid_for_days(nb, limit), [w_rule],
           "DV, notBefore %d-04-01, exactly %d days (SHOULD broken only)"
           % (year, limit))


def build_incidents(ca, keys):
    rsa_key = keys["leaf-rsa2048"]

    # Incident 2 (Microsec, Cisco VPN profile, 2020-11): OV serverAuth
    # certificates valid for two years, after the 398-day limit began.
    for index, (not_before, not_after, serial, host) in enumerate((
            (utc(2020, 11, 5, 10, 20, 6), utc(2022, 11, 5, 10, 20, 6),
             0x03549d12dae60ababce088d2210a, "bvpn.example.com"),
            (utc(2020, 11, 6, 7, 41, 5), utc(2022, 11, 6, 7, 41, 5),
             0x0354e7785c9a9de1adbc4947c60a, "avpn.example.com")), 1):
        leaf = Leaf("incident_vpn_%d" % index, ca, rsa_key, not_before,
                    not_after, policy=POLICY_OV, sans=[host],
                    eku=(SERVER_AUTH,), serial=serial)
        add("incident_vpn_%d" % index, leaf.der(), RULES_398,
            "Incident 2 (Cisco VPN): OV serverAuth, notBefore %s, two years"
            % not_before.strftime("%Y-%m-%d %H:%M:%SZ"))

    # Incident 1 (Microsec IVCP, 2019-10-02): precertificates asserting the
    # IV policy but carrying a DV-style subject.
    nb = utc(2019, 10, 2, 10, 0, 0)
    na = valid_for_days(nb, 30)
    for index in (1, 2):
        name = "incident_ivcp_precert_%d" % index
        host = "ivcp%d.example.com" % index
        leaf = precertificate(Leaf(name, ca, rsa_key, nb, na,
                                   policy=POLICY_IV, sans=[host],
                                   subject=make_name(C_HU, cn(host))))
        add(name, leaf.der(), [R_IV_NAME, R_IV_LOCALITY],
            "Incident 1 (IVCP): IV precertificate 2019-10-02, 30 days, "
            "subject C + CN only")
    name = "incident_ivcp_precert_3"
    host = "ivcp3.example.com"
    leaf = precertificate(Leaf(name, ca, rsa_key, nb, na, policy=POLICY_IV,
                               sans=[host], subject=make_name(cn(host))))
    add(name, leaf.der(), [R_IV_NAME, R_IV_LOCALITY, R_IV_COUNTRY],
        "Incident 1 variant: IV precertificate 2019-10-02, subject CN only")


def build_subject_defects(ca, keys):
    rsa_key = keys["leaf-rsa2048"]

    def leaf_with_subject(name, policy, year, attributes, fires, note):
        nb = utc(year, 6, 1)
        leaf = Leaf(name, ca, rsa_key, nb, valid_for_days(nb, 397),
                    policy=policy)
        leaf.subject = make_name(*(attributes + [cn(leaf.sans[0])]))
        add(name, leaf.der(), fires, note)

    leaf_with_subject("bad_iv_no_surname_2024", POLICY_IV, 2024,
                      [C_HU, L_BUDAPEST, GIVEN_NAME], [R_IV_NAME_STRICT],
                      "IV 2024, subject C, L, givenName, CN: no surname")

    leaf_with_subject("bad_ov_no_org_2021", POLICY_OV, 2021,
                      [C_HU, L_BUDAPEST], [R_OV_ORG],
                      "OV 2021, subject C, L, CN: no organizationName")
    leaf_with_subject("bad_ov_no_country_2021", POLICY_OV, 2021,
                      [L_BUDAPEST, O_SUBSCRIBER], [R_OV_COUNTRY],
                      "OV 2021, subject L, O, CN: no countryName")
    leaf_with_subject("bad_ov_no_locality_2021", POLICY_OV, 2021,
                      [C_HU, O_SUBSCRIBER], [R_OV_LOCALITY],
                      "OV 2021, subject C, O, CN: neither L nor ST")

    for attribute, label, rule, attribute_name in (
            (O_SUBSCRIBER, "org", R_DV_ORG, "organizationName"),
            (STREET, "street", R_DV_STREET, "streetAddress"),
            (L_BUDAPEST, "locality", R_DV_LOCALITY, "localityName"),
            (ST_PEST, "province", R_DV_PROVINCE, "stateOrProvinceName"),
            (POSTAL, "postal", R_DV_POSTAL, "postalCode")):
        leaf_with_subject("bad_dv_%s_2020" % label, POLICY_DV, 2020,
                          [attribute], [rule],
                          "DV 2020, subject %s + CN" % attribute_name)
    leaf_with_subject("bad_dv_org_2024", POLICY_DV, 2024, [O_SUBSCRIBER],
                      [R_DV_INVALID], "DV 2024, subject O + CN")


def build_other_defects(ca, keys):
    rsa_key = keys["leaf-rsa2048"]

    # No SAN at all; the CN then cannot come from the SAN either.  2022, so
    # only the exact-copy CN rule (from 2021-08-25) is in force.
    nb = utc(2022, 6, 1)
    leaf = Leaf("bad_san_missing_2022", ca, rsa_key, nb,
                valid_for_days(nb, 397))
    leaf.exts = drop_ext(leaf.exts, ExtensionOID.SUBJECT_ALTERNATIVE_NAME)
    add("bad_san_missing_2022", leaf.der(), [R_SAN_MISSING, R_CN_NOT_EXACTLY],
        "DV 2022 without subjectAltName; CN present")

    nb = utc(2020, 6, 1)
    leaf = Leaf("bad_cn_not_in_san_2020", ca, rsa_key, nb,
                valid_for_days(nb, 397))
    leaf.subject = dv_subject("other." + leaf.sans[0])
    add("bad_cn_not_in_san_2020", leaf.der(), [R_CN_NOT_FROM_SAN],
        "DV 2020, CN is not one of the SAN dNSNames")

    nb = utc(2022, 6, 1)
    leaf = Leaf("bad_cn_case_2022", ca, rsa_key, nb, valid_for_days(nb, 397))
    leaf.subject = dv_subject("Bad-CN-Case-2022.Example.COM")
    assert leaf.subject.rfc4514_string().lower() == "cn=" + leaf.sans[0]
    add("bad_cn_case_2022", leaf.der(), [R_CN_NOT_EXACTLY],
        "DV 2022, CN equals the first SAN except for letter case")

    nb = utc(2021, 6, 1)
    add("bad_rsa_1024_2021",
        Leaf("bad_rsa_1024_2021", ca, keys["leaf-rsa1024"], nb,
             valid_for_days(nb, 397)).der(), [R_RSA_2048],
        "DV 2021 with an RSA 1024 subscriber key")

    nb = utc(2017, 6, 1)
    leaf = Leaf("bad_sha1_2017", ca, rsa_key, nb, valid_for_days(nb, 730))
    leaf.sha1 = True
    add("bad_sha1_2017", leaf.der(), [R_SHA1],
        "DV 2017 signed with sha1WithRSAEncryption")

    nb = utc(2021, 6, 1)
    leaf = Leaf("bad_no_policies_2021", ca, rsa_key, nb,
                valid_for_days(nb, 397))
    leaf.exts = drop_ext(leaf.exts, ExtensionOID.CERTIFICATE_POLICIES)
    add("bad_no_policies_2021", leaf.der(), [R_CP_MISSING],
        "DV-style 2021 without certificatePolicies")

    # cA=TRUE on a subscriber certificate whose KU lacks keyCertSign.
    # ZLint applies e_sub_cert_not_is_ca whenever KU (without keyCertSign)
    # and BC are present; with cA=TRUE the certificate is a CA to the CA
    # rules, so the two missing CA key usages are reported as well.
    leaf = Leaf("bad_sub_is_ca_2021", ca, rsa_key, nb,
                valid_for_days(nb, 397))
    leaf.exts = set_ext(leaf.exts,
                        x509.BasicConstraints(ca=True, path_length=None),
                        True)
    add("bad_sub_is_ca_2021", leaf.der(),
        [R_SUB_NOT_CA, R_CA_CERT_SIGN, R_CA_CRL_SIGN],
        "DV 2021 subscriber with BC critical cA=TRUE, KU "
        "digitalSignature+keyEncipherment")

    # Precertificate and SCT defects, all DV 2021
    leaf = Leaf("bad_precert_poison_not_critical_2021", ca, rsa_key, nb,
                valid_for_days(nb, 397))
    leaf.exts = set_ext(leaf.exts, x509.PrecertPoison(), False)
    add("bad_precert_poison_not_critical_2021", leaf.der(),
        [R_POISON_CRITICAL], "DV 2021 precertificate, poison not critical")

    leaf = Leaf("bad_precert_poison_value_2021", ca, rsa_key, nb,
                valid_for_days(nb, 397))
    leaf.exts.append((x509.UnrecognizedExtension(OID_CT_POISON, b"\x04\x00"),
                      True))
    add("bad_precert_poison_value_2021", leaf.der(), [R_POISON_VALUE],
        "DV 2021 precertificate, poison critical but value 04 00, not 05 00")

    leaf = precertificate(Leaf("bad_precert_with_sct_2021", ca, rsa_key, nb,
                               valid_for_days(nb, 397)))
    leaf.exts.append((sct_list_extension(b"bad_precert_with_sct_2021", nb),
                      False))
    add("bad_precert_with_sct_2021", leaf.der(), [R_PRECERT_SCT],
        "DV 2021 precertificate that also carries an SCT list")

    leaf = Leaf("bad_empty_sct_list_2021", ca, rsa_key, nb,
                valid_for_days(nb, 397))
    leaf.exts.append((empty_sct_list_extension(), False))
    add("bad_empty_sct_list_2021", leaf.der(), [R_EMPTY_SCT],
        "DV 2021 with an SCT list extension holding an empty list (00 00)")


def build_ca_defects(root, keys):
    """
    Subordinate CA certificates issued by the root in 2021, each derived
    from the good TLS CA profile with one change.
    """
    key = keys["test-ca-2"]
    nb = utc(2021, 6, 1)
    na = utc(2031, 6, 1)

    def ca_cert(name, label, exts, fires, note):
        subject = make_name(C_HU,
                            (NameOID.ORGANIZATION_NAME, "profcheck Test"),
                            cn("profcheck Test CA (%s)" % label))
        add(name, issue(root, subject, key.public_key(), fixed_serial(name),
                        nb, na, exts), fires, note)

    good = ca_extensions(root, key)
    ca_cert("bad_ca_bc_not_critical_2021", "BC not critical",
            set_ext(good, x509.BasicConstraints(ca=True, path_length=0),
                    False),
            [R_BC_NOT_CRITICAL], "Sub-CA 2021, basicConstraints not critical")
    ca_cert("bad_ca_ku_missing_2021", "no KU",
            drop_ext(good, ExtensionOID.KEY_USAGE),
            [R_CA_KU_MISSING], "Sub-CA 2021 without keyUsage")
    ca_cert("bad_ca_ku_not_critical_2021", "KU not critical",
            set_ext(good, key_usage(digital_signature=True,
                                    key_cert_sign=True, crl_sign=True),
                    False),
            [R_CA_KU_NOT_CRITICAL], "Sub-CA 2021, keyUsage not critical")
    # KU present without keyCertSign on a cA=TRUE certificate is also what
    # e_sub_cert_not_is_ca looks for (see bad_sub_is_ca_2021).
    ca_cert("bad_ca_no_key_cert_sign_2021", "no keyCertSign",
            set_ext(good, key_usage(digital_signature=True, crl_sign=True),
                    True),
            [R_CA_CERT_SIGN, R_SUB_NOT_CA],
            "Sub-CA 2021, KU digitalSignature+cRLSign (no keyCertSign)")
    ca_cert("bad_ca_no_crl_sign_2021", "no cRLSign",
            set_ext(good, key_usage(digital_signature=True,
                                    key_cert_sign=True), True),
            [R_CA_CRL_SIGN],
            "Sub-CA 2021, KU digitalSignature+keyCertSign (no cRLSign)")

    # keyCertSign without cA=TRUE.  Such a certificate is not a CA, so it
    # is judged as a TLS subscriber too; to break only e_ca_is_ca it is a
    # good DV subscriber certificate (issued by the root) whose KU adds
    # keyCertSign and which carries BC critical with cA=FALSE.
    rsa_key = keys["leaf-rsa2048"]
    leaf = Leaf("bad_ca_is_ca_2021", root, rsa_key, nb,
                valid_for_days(nb, 397))
    leaf.exts = set_ext(leaf.exts,
                        key_usage(digital_signature=True,
                                  key_encipherment=True, key_cert_sign=True),
                        True)
    leaf.exts = set_ext(leaf.exts,
                        x509.BasicConstraints(ca=False, path_length=None),
                        True)
    add("bad_ca_is_ca_2021", leaf.der(), [R_CA_IS_CA],
        "DV-shaped 2021 certificate from the root: KU has keyCertSign, "
        "BC critical cA=FALSE")


def build_scope_fixtures(root, ca, keys):
    """
    One certificate of each kind that is not a TLS server certificate
    (requirements 0.4): code signing, timestamping, S/MIME, OCSP responder,
    client authentication only, a precertificate signing CA.  Each is
    judged by its own scope, so the TLS subscriber rules must not fire on
    it, although it breaks several of them (validity, SAN, CN, policies).
    The *_as_tls twins are the same certificates with the EKU changed to
    serverAuth: TLS subscribers, on which those rules do fire.
    """
    rsa_key = keys["leaf-rsa2048"]
    nb = utc(2021, 6, 1)
    org = (NameOID.ORGANIZATION_NAME, "profcheck Subscriber Kft.")

    def eku_ext(ekus, critical=False):
        return (x509.ExtendedKeyUsage(list(ekus)), critical)

    def leaf_exts(ekus, sans, policy_oids, eku_critical=False,
                  key_encipherment=False):
        exts = [(key_usage(digital_signature=True,
                           key_encipherment=key_encipherment), True),
                eku_ext(ekus, eku_critical),
                (x509.SubjectKeyIdentifier.from_public_key(
                    rsa_key.public_key()), False),
                (x509.AuthorityKeyIdentifier
                 .from_issuer_subject_key_identifier(ca.ski), False),
                (authority_information_access(ca), False)]
        if sans:
            exts.append((x509.SubjectAlternativeName(sans), False))
        if policy_oids:
            exts.append((policies(*policy_oids), False))
        exts.append((crl_distribution_points(ca.crl_url), False))
        return exts

    def with_eku(exts, ekus):
        critical = [c for v, c in exts if v.oid == ExtensionOID.EXTENDED_KEY_USAGE][0]
        return set_ext(exts, x509.ExtendedKeyUsage(list(ekus)), critical)

    def leaf(name, subject, exts, days, fires, note, tls_fires, tls_note):
        na = valid_for_days(nb, days)
        add(name, issue(ca, subject, rsa_key.public_key(), fixed_serial(name),
                        nb, na, exts), fires, note)
        if tls_note is not None:
            twin = name.replace("_2021", "_as_tls_2021")
            add(twin, issue(ca, subject, rsa_key.public_key(),
                            fixed_serial(twin), nb, na,
                            with_eku(exts, [SERVER_AUTH])),
                tls_fires, tls_note)

    long_tls = list(RULES_398) + [R_825_DAYS]

    # Code signing (CSBR 7.1.2.3): EKU codeSigning, the CSBR policy, no SAN,
    # three years.
    leaf("scope_code_signing_2021",
         make_name(C_HU, L_BUDAPEST, org, cn("profcheck Subscriber Kft.")),
         leaf_exts([CODE_SIGNING], None, [POLICY_CODE_SIGNING]), 1095,
         [], "Code signing leaf 2021: EKU codeSigning, CSBR policy, no SAN, "
         "1095 days; not TLS",
         long_tls + [R_SAN_MISSING, R_CN_NOT_FROM_SAN],
         "scope_code_signing_2021 with EKU serverAuth instead: a TLS "
         "subscriber without SAN, 1095 days")

    # The same without any EKU: in Mozilla's TLS scope (MRSP 1.1 counts a
    # certificate without EKU), so judged as a TLS subscriber.
    name = "scope_no_eku_2021"
    add(name, issue(ca, make_name(C_HU, L_BUDAPEST, org,
                                  cn("profcheck Subscriber Kft.")),
                    rsa_key.public_key(), fixed_serial(name), nb,
                    valid_for_days(nb, 1095),
                    drop_ext(leaf_exts([CODE_SIGNING], None,
                                       [POLICY_CODE_SIGNING]),
                             ExtensionOID.EXTENDED_KEY_USAGE)),
        long_tls + [R_SAN_MISSING, R_CN_NOT_FROM_SAN],
        "scope_code_signing_2021 without EKU: a TLS subscriber by MRSP 1.1 "
        "(no EKU), without SAN, 1095 days")

    # Timestamping (RFC 3161 2.3: EKU timeStamping only, critical).
    leaf("scope_timestamping_2021",
         make_name(C_HU, org, cn("profcheck Test TSA 1")),
         leaf_exts([TIME_STAMPING], None, [POLICY_TIMESTAMPING],
                   eku_critical=True), 1095,
         [], "Timestamping leaf 2021: EKU timeStamping (critical), CSBR "
         "timestamping policy, no SAN, 1095 days; not TLS",
         long_tls + [R_SAN_MISSING, R_CN_NOT_FROM_SAN],
         "scope_timestamping_2021 with EKU serverAuth (critical) instead: a "
         "TLS subscriber without SAN, 1095 days")

    # S/MIME mailbox-validated strict (SBR 7.1.2.3): EKU emailProtection,
    # rfc822Name SAN, a name that is no DNS name, two years.
    mailbox = [x509.RFC822Name("alice@example.com")]
    leaf("scope_smime_2021",
         make_name(C_HU, cn("Alice Example")),
         leaf_exts([EMAIL_PROTECTION], mailbox, [POLICY_SMIME_MV_STRICT],
                   key_encipherment=True), 730,
         [], "S/MIME leaf 2021: EKU emailProtection, SAN rfc822Name, policy "
         "2.23.140.1.5.1.3, CN is a person's name, 730 days; not TLS",
         list(RULES_398) + [R_CN_NOT_FROM_SAN],
         "scope_smime_2021 with EKU serverAuth instead: a TLS subscriber "
         "whose SAN has no dNSName and whose CN is not in it, 730 days")

    # S/MIME by an otherName id-on-SmtpUTF8Mailbox alone (RFC 8398), no
    # S/MIME policy: requirements 0.4 counts it as S/MIME too.
    utf8_mailbox = x509.OtherName(OID_SMTP_UTF8_MAILBOX,
                                  der_tlv(0x0c, "bob@example.com".encode()))
    leaf("scope_smime_utf8_mailbox_2021",
         make_name(C_HU, cn("Bob Example")),
         leaf_exts([EMAIL_PROTECTION], [utf8_mailbox], None,
                   key_encipherment=True), 730,
         [], "S/MIME leaf 2021: EKU emailProtection, SAN otherName "
         "SmtpUTF8Mailbox only, no policy, 730 days; not TLS",
         None, None)

    # Client authentication only: not a TLS server certificate (MRSP 1.1).
    leaf("scope_client_auth_2021",
         make_name(C_HU, org, cn("device-0001")),
         leaf_exts([CLIENT_AUTH], None, None), 1095,
         [], "Client-auth-only leaf 2021: EKU clientAuth, no SAN, no "
         "policies, 1095 days; not TLS", None, None)

    # Delegated OCSP responder (BR 7.1.2.8): EKU OCSPSigning only,
    # id-pkix-ocsp-nocheck, no CP, no CRLDP, no AIA, no SAN.
    exts = [(key_usage(digital_signature=True), True),
            eku_ext([OCSP_SIGNING]),
            (x509.OCSPNoCheck(), False),
            (x509.SubjectKeyIdentifier.from_public_key(
                rsa_key.public_key()), False),
            (x509.AuthorityKeyIdentifier
             .from_issuer_subject_key_identifier(ca.ski), False)]
    leaf("scope_ocsp_responder_2021",
         make_name(C_HU, (NameOID.ORGANIZATION_NAME, "profcheck Test"),
                   cn("profcheck Test TLS CA 1 OCSP Responder")),
         exts, 365, [], "Delegated OCSP responder of TLS CA 1, 2021: EKU "
         "OCSPSigning, ocsp-nocheck, no CP/CRLDP/AIA/SAN, 365 days",
         None, None)

    # Precertificate signing CA (RFC 6962 3.1, BR 7.1.2.4): the good sub-CA
    # profile with EKU precertificate signing only.
    key = keys["test-ca-2"]
    name = "scope_precert_signing_ca_2021"
    subject = make_name(C_HU, (NameOID.ORGANIZATION_NAME, "profcheck Test"),
                        cn("profcheck Test Precertificate Signing CA"))
    exts = set_ext(ca_extensions(root, key),
                   x509.ExtendedKeyUsage([PRECERT_SIGNING]), False)
    add(name, issue(root, subject, key.public_key(), fixed_serial(name),
                    nb, utc(2031, 6, 1), exts), [],
        "Precertificate signing CA 2021 from the root: the good sub-CA "
        "profile with EKU 1.3.6.1.4.1.11129.2.4.4 only")


def build_byte_fixtures(good_dv_2021):
    """The bare TBSCertificate and inputs that are not certificates."""
    cert = x509.load_der_x509_certificate(good_dv_2021)
    add("tbs_dv_2021", cert.tbs_certificate_bytes, [],
        "Bare TBSCertificate of good_dv_2021 (no signature)", form="der")

    header = der_header_length(good_dv_2021)
    content = good_dv_2021[header:]
    assert good_dv_2021[0] == 0x30 and good_dv_2021[1] == 0x82

    def malformed(name, data, note, form="der"):
        add(name, data, [R_UNPARSEABLE], note, form=form)

    malformed("malformed_truncated", good_dv_2021[:100],
              "First 100 bytes of good_dv_2021")
    malformed("malformed_trailing_garbage", good_dv_2021 + b"\xde\xad\xbe\xef",
              "good_dv_2021 followed by 4 extra bytes de ad be ef")
    malformed("malformed_random",
              pseudo_random_bytes(b"profcheck malformed_random", 300),
              "300 pseudo-random bytes (SHA-256 counter mode, fixed seed)")
    malformed("malformed_indefinite_length",
              b"\x30\x80" + content + b"\x00\x00",
              "good_dv_2021 with a BER indefinite-length outer SEQUENCE")
    malformed("malformed_length_overflow",
              b"\x30\x82" + (len(content) + 16).to_bytes(2, "big") + content,
              "good_dv_2021 whose outer length claims 16 bytes more than "
              "present")
    malformed("malformed_empty", b"", "Empty input (zero bytes)", form=None)


#-------------------------------------------------------------------------
# Main
#-------------------------------------------------------------------------

def main():
    keys = {name: load_or_create_key(name) for name in sorted(KEY_SPECS)}

    root = build_root(keys["root-r1"])
    ca = build_tls_ca(root, keys["tls-ca-1"])

    good_dv_2021 = build_good_subscribers(ca, keys)
    build_validity_defects(ca, keys)
    build_incidents(ca, keys)
    build_subject_defects(ca, keys)
    build_other_defects(ca, keys)
    build_ca_defects(root, keys)
    build_scope_fixtures(root, ca, keys)
    build_byte_fixtures(good_dv_2021)

    check_outputs()
    write_outputs()
    print("wrote %d fixtures to %s" % (len(FIXTURES), FIXTURE_DIR))


if __name__ == "__main__":
    main()
