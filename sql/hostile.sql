--
-- hostile: profcheck.lint() and profcheck.passes() on input that is not a
-- certificate, or is one built to hurt.  Every case must give one fatal
-- finding that says what is wrong and at which byte offset (or, for passes,
-- false), never an error, a crash or a hang; the session goes on after each,
-- as the final SELECT 1 shows.
--
-- The suites share one database: work in a schema of our own.
CREATE SCHEMA hostile_test;
SET search_path = hostile_test;

-- A real certificate to break: test/fixtures/good_dv_2021 (1162 octets),
-- copied here so that regenerating the fixtures does not change this test.
CREATE TABLE cert AS SELECT decode(
'308204863082036ea00302010202105093b384c77af17aa272b3e0ab4d0dcd300d06092a864886f70d01010b05003048'
'310b300906035504061302485531173015060355040a0c0e70726f66636865636b20546573743120301e06035504030c'
'1770726f66636865636b205465737420544c532043412031301e170d3231303630313030303030305a170d3232303730'
'323233353935395a30233121301f06035504030c18676f6f642d64762d323032312e6578616d706c652e636f6d308201'
'22300d06092a864886f70d01010105000382010f003082010a0282010100bed98097f36d8ab26ff3898f7c4ddd0f11eb'
'a3f7cda7f85ed2cea0206850b6daa1da79f51116a211c4628bb236982331e74716c9a200ade5e964d7979918c9aabd35'
'f67a0f085c9297f68adb2b852c4eea0f9027f461cc51ce7138166d6e75e7eb5fb2c954abbb3b98f36e4c8f6f6faba8a2'
'4ce339dd419589ee51e97c510052febe4d62d931b6917e1fad6f0d0796a4d4e8f039f782a2d24c31e041ea704a9e1969'
'4344f33dc8a5bcf1db9bcaa50c9263ea8dc791d9547ee393accae269197f3dc6755170dd1c68b98ed2eaa951da0df400'
'ddf5fcd4a0c7c26bc31186cbde01b9ed61fe98d62b8cd4a22ae135f4f8347820c2e612c5502013f6ac0cef2ad7430203'
'010001a382018f3082018b300e0603551d0f0101ff0404030205a0301d0603551d250416301406082b06010505070301'
'06082b06010505070302301f0603551d230418301680143c7e8ecdcc566bfc2c864db8115f61df8cba04ea3081810608'
'2b0601050507010104753073303606082b06010505073001862a687474703a2f2f6f6373702e6578616d706c652e636f'
'6d2f70726f66636865636b2f746c732d63612d31303906082b06010505073002862d687474703a2f2f706b692e657861'
'6d706c652e636f6d2f70726f66636865636b2f746c732d63612d312e64657230410603551d11043a30388218676f6f64'
'2d64762d323032312e6578616d706c652e636f6d821c7777772e676f6f642d64762d323032312e6578616d706c652e63'
'6f6d30130603551d20040c300a3008060667810c010201303e0603551d1f043730353033a031a02f862d687474703a2f'
'2f63726c2e6578616d706c652e636f6d2f70726f66636865636b2f746c732d63612d312e63726c301d0603551d0e0416'
'041441738c19a802459fcbd4c278a566f51f529dc79c300d06092a864886f70d01010b0500038201010066ab9cdab146'
'60e1d580f60b70dc2639a8c4c7fc827112491b721ea88878eb1b5c8583f1cf7d2bbd845001d6d34e7c12239a946d9177'
'49002e2ce09dc065fc2b098f0030d1b4bb7bdf8541cc153dfb99edbf946c1febdc3b10d52ecb0524964ae01f83d2192f'
'b1719e8334bf5a6befe6f0b198e4e202c36a09ae37dc948f8c3726969599633d8781d04a3c8a5e2eb26754e3b3bb368b'
'e55f2ba6549a87cf17d8e85978dac31d83004c76f001439c1cf65f20c821f5878c147698a8226740c36b684254dedcaf'
'7c3e301424cda0d998fd75b8f5f2e9c5ee1b19a944dccddb5f9b651d0efe34c2570bb18e4e7d675707392c378dbcd85f'
'bd64b982d4f6a0a4c4ce', 'hex') AS der;
SELECT length(der), profcheck.passes(der, 'fatal') AS decodes FROM cert;

-- Empty input, and NULL (lint is STRICT: no rows; passes gives NULL).
SELECT rule, severity, detail FROM profcheck.lint(''::bytea);
SELECT profcheck.passes(''::bytea), profcheck.passes(''::bytea, 'fatal');
SELECT count(*) FROM profcheck.lint(NULL);
SELECT profcheck.passes(NULL) IS NULL AS passes_null;

-- Random bytes: 1024 octets of SHA-256 output, the same on every run.
SELECT rule, severity, detail
  FROM profcheck.lint((SELECT string_agg(sha256(convert_to('hostile ' || i, 'UTF8')), '' ORDER BY i)
                         FROM generate_series(1, 32) i));
SELECT rule, detail FROM profcheck.lint('\x00'::bytea);
SELECT rule, detail FROM profcheck.lint('\xff'::bytea);
SELECT rule, detail FROM profcheck.lint('\x30'::bytea);

-- Truncated: every cut names the first length that runs past the end.
SELECT n, rule, detail
  FROM cert, generate_series(1, 6) n, profcheck.lint(substr(der, 1, n))
 ORDER BY n;
SELECT rule, detail FROM cert, profcheck.lint(substr(der, 1, 100));
SELECT rule, detail FROM cert, profcheck.lint(substr(der, 1, length(der) - 1));
SELECT count(*) AS cuts, count(*) FILTER (WHERE l.rule = 'f_certificate_unparseable') AS fatal
  FROM cert, generate_series(0, length(der) - 1) n, profcheck.lint(substr(der, 1, n)) l;

-- Trailing bytes: one zero octet, and the certificate twice.
SELECT rule, detail FROM cert, profcheck.lint(der || '\x00'::bytea);
SELECT rule, detail FROM cert, profcheck.lint(der || der);
SELECT profcheck.passes(der || '\x00'::bytea, 'fatal') FROM cert;

-- BER indefinite lengths: the outer SEQUENCE, then the TBS SEQUENCE (its
-- 878 octets closed by end-of-contents, so the outer length still fits).
SELECT rule, detail
  FROM cert, profcheck.lint('\x3080'::bytea || substr(der, 5) || '\x0000'::bytea);
SELECT rule, detail
  FROM cert, profcheck.lint(substr(der, 1, 4) || '\x3080'::bytea || substr(der, 9, 878) ||
                            '\x0000'::bytea || substr(der, 9 + 878));

-- A length far past the end: 2^31 - 1 and 2^32 - 1 octets claimed, and a
-- length field of 8 octets (more than profcheck reads).
SELECT rule, detail FROM cert, profcheck.lint('\x30847fffffff'::bytea || substr(der, 5));
SELECT rule, detail FROM profcheck.lint('\x3084ffffffff00'::bytea);
SELECT rule, detail FROM profcheck.lint('\x3088ffffffffffffffff00'::bytea);
-- ... and the TBS claiming 32767 octets inside a certificate of 1158.
SELECT rule, detail FROM cert, profcheck.lint(overlay(der PLACING '\x7fff'::bytea FROM 7 FOR 2));

-- 10,000 levels of nesting: indefinite lengths, then definite lengths (each
-- level a SEQUENCE with a 4-octet length around the rest).
SELECT rule, detail FROM profcheck.lint(decode(repeat('3080', 10000), 'hex'));
SELECT rule, detail
  FROM profcheck.lint((SELECT decode(string_agg(format('3084%s', lpad(to_hex(6 * (9999 - i)), 8, '0')),
                                                '' ORDER BY i), 'hex')
                         FROM generate_series(0, 9999) i));
SELECT rule, detail FROM profcheck.lint(decode(repeat('a080', 10000), 'hex'));

-- A 50 MB value: a SEQUENCE header claiming exactly the 50 MB of zeros after it.
CREATE TABLE big AS
  SELECT '\x308403200000'::bytea || decode(repeat('00', 50 * 1024 * 1024), 'hex') AS der;
SELECT length(der) FROM big;
SELECT rule, detail FROM big, profcheck.lint(der);
SELECT profcheck.passes(der) FROM big;
-- ... and one claiming a byte more than there is.
SELECT rule, detail FROM big, profcheck.lint(overlay(der PLACING '\x01'::bytea FROM 6 FOR 1));
DROP TABLE big;

-- Text in the input that is not text: control octets in a validity time are
-- shown as '?', so the detail stays printable.
SELECT rule, detail
  FROM cert, profcheck.lint(overlay(der PLACING '\x01ff'::bytea FROM 127 FOR 2));

-- Many damaged rows in one scan: octet n of the first 200 set to zero.  The
-- scan reads them all; those that no longer decode give their fatal row.
SELECT count(DISTINCT n) AS scanned,
       count(DISTINCT n) FILTER (WHERE l.rule = 'f_certificate_unparseable') AS unparseable
  FROM cert CROSS JOIN generate_series(1, 200) n
       LEFT JOIN LATERAL profcheck.lint(overlay(der PLACING '\x00'::bytea FROM n FOR 1)) l ON true;

-- The session is still alive.
SELECT 1 AS alive;
