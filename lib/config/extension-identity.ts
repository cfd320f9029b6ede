/**
 * The public half of the key that pins Adlens's extension id for unpacked and test builds, so the
 * Facebook Login redirect URI (https://<id>.chromiumapp.org/) stays the same on every machine.
 * The Chrome Web Store rejects a manifest with `key`, so the store zip is built without it.
 */
export const MANIFEST_PUBLIC_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAr72ycRA92Fc0rKxrudB3SwWRDgGbszP2dP83vjRvPMC09IZQA4T6Ov4/I4Cn7SJI2gDqRSlZJLHqeVPuKj0aGpyVJjqNvSXDu5aRlws2bemEYXch2YDku7S5Wi+bSSExzqru4PGGecKMhI3qWSk801JoaQiZFNCO1PA/CIzyNVeEXvo3dYzVg+6bsBIETkHzljNDcPuzhIEfMH2ye+64iOTtbb7IDKxadGyBcbJf3MAmJquSva7jrpBO0GWSvPdrutJNxok97pTlZ3Qg+9x4S/tbNlFkhBr/DhDnlJvzzuXaRIy3OT6R+/1i5Wi+QdjpWzoVsLuNTadh/a9+hAsYuwIDAQAB';

/** The id Chromium derives from MANIFEST_PUBLIC_KEY (first 128 bits of its SHA-256, as a–p). */
export const EXTENSION_ID = 'eibaopbhdkahbcljelfmdmpldbnhnngm';
