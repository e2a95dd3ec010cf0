package io.github.clusterready.tomcat.serverxml;

import java.nio.charset.Charset;

/** A server.xml as read: where it is, its text in its own encoding, and its elements from the root down. */
final class ServerXmlFile {
    /** The file's name in messages, e.g. {@code node1/conf/server.xml}. */
    final String shown;
    final String text;
    final Charset charset;
    final XmlNode root;

    ServerXmlFile(String shown, String text, Charset charset, XmlNode root) {
        this.shown = shown;
        this.text = text;
        this.charset = charset;
        this.root = root;
    }
}
