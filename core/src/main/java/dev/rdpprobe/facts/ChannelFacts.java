package dev.rdpprobe.facts;

import java.util.List;

/**
 * What the Channel Connection phase established (MS-RDPBCGR 2.2.1.6 to 2.2.1.9).
 *
 * @param userChannelId the user channel the server assigned in its Attach User Confirm
 * @param joined the channels the server confirmed, in join order
 * @param refused the channels the server refused to join
 */
public record ChannelFacts(int userChannelId, List<Integer> joined, List<Integer> refused) {
  public ChannelFacts {
    joined = List.copyOf(joined);
    refused = List.copyOf(refused);
  }
}
