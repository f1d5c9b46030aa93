package org.oscartransport.oscar.session;

/** Typing notifications (0004/0014, oscar.md §5.5), as chat states see them. */
public enum TypingState {
    TYPING,
    PAUSED,
    STOPPED
}
