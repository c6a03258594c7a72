package dev.rdpprobe.wire.license;

import java.util.Objects;

/**
 * Product Information, PRODUCT_INFO (MS-RDPELE 2.2.2.1.1), as the Server License Request carries
 * it: the version and the names of the product the server licenses. Windows and xrdp send version
 * 0x00040000, {@code Microsoft Corporation} and product id {@code 236}.
 *
 * @param dwVersion dwVersion: the major version in the high 16 bits, the minor in the low 16
 * @param companyName pbCompanyName, up to its terminating NUL (UTF-16LE on the wire)
 * @param productId pbProductId, up to its terminating NUL (UTF-16LE on the wire)
 */
public record ProductInfo(int dwVersion, String companyName, String productId) {
  public static final String NAME = "PRODUCT_INFO";

  public ProductInfo {
    Objects.requireNonNull(companyName, "companyName");
    Objects.requireNonNull(productId, "productId");
  }

  /** The major version, dwVersion's high 16 bits. */
  public int majorVersion() {
    return dwVersion >>> 16;
  }

  /** The minor version, dwVersion's low 16 bits. */
  public int minorVersion() {
    return dwVersion & 0xFFFF;
  }

  /** E.g. {@code Microsoft Corporation 236 4.0}. */
  @Override
  public String toString() {
    return companyName + " " + productId + " " + majorVersion() + "." + minorVersion();
  }
}
