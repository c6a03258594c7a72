package dev.rdpprobe.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/** Picks the socket implementation: epoll where its native library loads, NIO elsewhere. */
public final class Transports {
  private Transports() {}

  /** Which socket implementation to use. */
  public enum Kind {
    /** epoll when available, otherwise NIO. */
    AUTO,
    /** Java NIO. */
    NIO,
    /** Linux epoll (needs netty-transport-native-epoll on the class path). */
    EPOLL
  }

  /** Whether the epoll native library is loadable here. */
  public static boolean epollAvailable() {
    try {
      return Epoll.isAvailable();
    } catch (LinkageError e) {
      return false;
    }
  }

  /**
   * A new event loop group of {@code threads} threads for the kind.
   *
   * @throws IllegalStateException if epoll is asked for and not available
   */
  public static EventLoopGroup newGroup(Kind kind, int threads) {
    IoHandlerFactory factory;
    if (kind == Kind.EPOLL || (kind == Kind.AUTO && epollAvailable())) {
      if (!epollAvailable()) {
        throw new IllegalStateException("epoll is not available: " + Epoll.unavailabilityCause());
      }
      factory = EpollIoHandler.newFactory();
    } else {
      factory = NioIoHandler.newFactory();
    }
    return new MultiThreadIoEventLoopGroup(
        threads, new DefaultThreadFactory("rdp-probe", true), factory);
  }

  /** The socket channel class that matches the group's I/O handler. */
  static Class<? extends SocketChannel> channelClass(EventLoopGroup group) {
    if (group instanceof IoEventLoopGroup io && io.isIoType(EpollIoHandler.class)) {
      return EpollSocketChannel.class;
    }
    return NioSocketChannel.class;
  }

  /** The datagram channel class that matches the group's I/O handler. */
  static Class<? extends DatagramChannel> datagramClass(EventLoopGroup group) {
    if (group instanceof IoEventLoopGroup io && io.isIoType(EpollIoHandler.class)) {
      return EpollDatagramChannel.class;
    }
    return NioDatagramChannel.class;
  }

  /** {@code epoll} or {@code nio}. */
  static String name(Class<?> channelClass) {
    return channelClass == EpollSocketChannel.class ? "epoll" : "nio";
  }
}
