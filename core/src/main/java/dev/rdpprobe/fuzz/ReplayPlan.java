package dev.rdpprobe.fuzz;

import dev.rdpprobe.connect.ClientPlan;
import dev.rdpprobe.tls.TlsOffer;
import dev.rdpprobe.wire.gcc.ClientCoreData;
import dev.rdpprobe.wire.gcc.ClientDataBlock;
import dev.rdpprobe.wire.gcc.ClientDataBlocks;
import dev.rdpprobe.wire.gcc.ConferenceCreateRequest;
import dev.rdpprobe.wire.sec.ClientInfoPdu;
import dev.rdpprobe.wire.share.ConfirmActivePdu;
import dev.rdpprobe.wire.share.ShareControlHeader;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import dev.rdpprobe.wire.x224.X224ConnectionRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A captured client's intent as a {@link ClientPlan}: its own PDUs where the document has them, the
 * probe's plan for the rest; what a live server decides (the selected protocol in CS_CORE, the
 * share id, the user channel) is re-derived, and each field rewritten is named.
 */
final class ReplayPlan implements ClientPlan {
  private final ClientPlan fallback;
  private final X224ConnectionRequest request;
  private final ConferenceCreateRequest conference;
  private final ClientInfoPdu clientInfo;
  private final ConfirmActivePdu confirmActive;
  private final CapturedHello hello;
  private final Integer credSspVersion;
  private final Set<String> rewritten = Collections.synchronizedSet(new LinkedHashSet<>());

  ReplayPlan(
      ClientPlan fallback,
      X224ConnectionRequest request,
      ConferenceCreateRequest conference,
      ClientInfoPdu clientInfo,
      ConfirmActivePdu confirmActive,
      CapturedHello hello,
      Integer credSspVersion) {
    this.fallback = Objects.requireNonNull(fallback, "fallback");
    this.hello = hello;
    this.credSspVersion = credSspVersion;
    this.request = request;
    this.conference = conference;
    this.clientInfo = clientInfo;
    this.confirmActive = confirmActive;
  }

  /** The PDUs taken from the document, by name. */
  List<String> captured() {
    List<String> out = new ArrayList<>();
    if (request != null) {
      out.add(X224ConnectionRequest.NAME);
    }
    if (hello != null) {
      out.add("ClientHello (versions, suites, groups, SNI)");
    }
    if (credSspVersion != null) {
      out.add("CredSSP version " + credSspVersion);
    }
    if (conference != null) {
      out.add("MCS Connect Initial");
    }
    if (clientInfo != null) {
      out.add(clientInfo.name());
    }
    if (confirmActive != null) {
      out.add(ConfirmActivePdu.NAME);
    }
    return out;
  }

  /** The fields rewritten for the live server so far. */
  List<String> rewritten() {
    synchronized (rewritten) {
      return List.copyOf(rewritten);
    }
  }

  @Override
  public X224ConnectionRequest connectionRequest() {
    return request != null ? request : fallback.connectionRequest();
  }

  @Override
  public TlsOffer tlsOffer() {
    return hello != null ? hello.offer() : fallback.tlsOffer();
  }

  @Override
  public String serverName() {
    // without SNI in the capture the offer sends none: the name serves the certificate check
    return hello != null && hello.serverName() != null ? hello.serverName() : fallback.serverName();
  }

  @Override
  public int credSspVersion() {
    return credSspVersion != null ? credSspVersion : fallback.credSspVersion();
  }

  @Override
  public ConferenceCreateRequest conferenceRequest(SecurityProtocols selected) {
    if (conference == null) {
      return fallback.conferenceRequest(selected);
    }
    List<ClientDataBlock> blocks = new ArrayList<>();
    boolean changed = false;
    for (ClientDataBlock b : conference.userData().blocks()) {
      if (b instanceof ClientCoreData core
          && core.serverSelectedProtocol() != null
          && !core.serverSelectedProtocol().equals(selected)) {
        Record r = Slots.with(core, "serverSelectedProtocol", selected);
        if (r != null) {
          rewritten.add("CS_CORE serverSelectedProtocol: the live server's selection " + selected);
          blocks.add((ClientDataBlock) r);
          changed = true;
          continue;
        }
      }
      blocks.add(b);
    }
    if (!changed) {
      return conference;
    }
    Record r = Slots.with(conference, "userData", new ClientDataBlocks(blocks));
    return r == null ? conference : (ConferenceCreateRequest) r;
  }

  @Override
  public ClientInfoPdu clientInfo() {
    return clientInfo != null ? clientInfo : fallback.clientInfo();
  }

  @Override
  public ConfirmActivePdu confirmActive(int shareId, int userChannelId) {
    if (confirmActive == null) {
      return fallback.confirmActive(shareId, userChannelId);
    }
    ConfirmActivePdu c = confirmActive;
    if (c.shareId() != shareId) {
      Record r = Slots.with(c, "shareId", shareId);
      if (r != null) {
        c = (ConfirmActivePdu) r;
        rewritten.add("Confirm Active shareId: the live server's");
      }
    }
    ShareControlHeader h = c.header();
    if (h.pduSource() != null && h.pduSource() != userChannelId) {
      Record nh = Slots.with(h, "pduSource", userChannelId);
      Record r = nh == null ? null : Slots.with(c, "header", nh);
      if (r != null) {
        c = (ConfirmActivePdu) r;
        rewritten.add("Confirm Active pduSource: the live user channel");
      }
    }
    return c;
  }
}
