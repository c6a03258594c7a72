package dev.rdpprobe.diagnose;

/** Where the text of a message comes from, so a report can say how far to trust the wording. */
public enum MessageSource {
  /**
   * The text a Windows client shows, as public reports quote it. Microsoft does not document the
   * dialog texts; each one carries its source in {@link WindowsClientCodes}.
   */
  CLIENT_TEXT,
  /** Microsoft's documented description of the code (e.g. the OnDisconnected reference page). */
  DOCUMENTED_DESCRIPTION,
  /** A plain description of our own: no public text was found. */
  OUR_DESCRIPTION
}
