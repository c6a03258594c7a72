package dev.rdpprobe.tls;

/** A client and a server session wired together in memory. */
final class TlsPump {
  private TlsPump() {}

  /**
   * Moves bytes both ways until neither side has anything to send. A failure on either side is
   * thrown after the failing side's output (its alert) was delivered to the other.
   */
  static void pump(TlsSession client, TlsSession server) throws TlsFailure {
    for (int round = 0; round < 50; round++) {
      byte[] toServer = client.takeOutput();
      if (toServer.length > 0) {
        deliver(toServer, server, client);
      }
      byte[] toClient = server.takeOutput();
      if (toClient.length > 0) {
        deliver(toClient, client, server);
      }
      if (toServer.length == 0 && toClient.length == 0) {
        return;
      }
    }
    throw new AssertionError("no end to the exchange after 50 rounds");
  }

  private static void deliver(byte[] bytes, TlsSession to, TlsSession from) throws TlsFailure {
    try {
      to.receive(bytes);
    } catch (TlsFailure f) {
      byte[] answer = to.takeOutput(); // the alert the failing side raised
      if (answer.length > 0) {
        try {
          from.receive(answer);
        } catch (TlsFailure ignored) {
          // the other side's view of it is checked by the tests through failure()
        }
      }
      throw f;
    }
  }
}
