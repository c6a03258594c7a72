package dev.rdpprobe.cli;

/** Entry point of the rdp-probe command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.out.println("rdp-probe");
  }
}
