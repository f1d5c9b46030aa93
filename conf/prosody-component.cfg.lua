-- oscar-transport as a Prosody external component (XEP-0114). Prosody 0.12.
--
-- 1. In the global part of /etc/prosody/prosody.cfg.lua (before any VirtualHost), keep the component
--    port on loopback unless the transport runs on another machine. These are Prosody's defaults:
--      component_ports = { 5347 }
--      component_interfaces = { "127.0.0.1" }
--    The component stream is plaintext: never expose this port to the Internet.
-- 2. Append the block below at the end of the file (or Include this file there), then:
--      prosodyctl reload        (or restart Prosody)
-- 3. Put the same domain and secret in the transport's config:
--      xmpp.host = 127.0.0.1, xmpp.port = 5347, xmpp.domain = icq.example.org,
--      xmpp.secret-file = /etc/oscar-transport/secret   (or OSCAR_TRANSPORT_XMPP_SECRET)
--    and run: java -jar oscar-transport.jar check-config --config /etc/oscar-transport/oscar-transport.conf
--
-- Users see their ICQ contacts as UIN@icq.example.org. Give the domain a DNS name of its own only if users of
-- other servers must reach it (s2s); a local-only transport works without one.

Component "icq.example.org"
    -- Generate with: openssl rand -hex 24. A wrong secret shows up as "not-authorized" in the transport.
    component_secret = "change-me-to-a-long-random-secret"
