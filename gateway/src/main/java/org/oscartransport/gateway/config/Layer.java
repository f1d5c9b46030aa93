package org.oscartransport.gateway.config;

/** Where a setting came from, lowest precedence first: a later layer overrides an earlier one. */
enum Layer {
    DEFAULT,
    FILE,
    ENVIRONMENT,
    COMMAND_LINE
}
