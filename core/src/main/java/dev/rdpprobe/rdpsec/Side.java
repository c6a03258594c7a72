package dev.rdpprobe.rdpsec;

/**
 * Which end of the connection a security context serves: its encryption key is the other end's
 * decryption key (MS-RDPBCGR 5.3.5).
 */
public enum Side {
  CLIENT,
  SERVER
}
