package org.oscartransport.gateway.adhoc;

import java.util.Optional;
import org.dom4j.Element;

/**
 * What one step of a command answers: either a form to fill in (the command goes on, with {@code state} kept
 * for the next step), or the end of the command with a note and perhaps a result form.
 */
sealed interface Stage {

    enum NoteType { INFO, WARN, ERROR }

    /** A form to submit with "complete" (the command's last form). */
    record Ask(Element form, Object state) implements Stage {}

    record Done(NoteType type, String note, Optional<Element> result) implements Stage {}

    static Stage ask(Element form, Object state) {
        return new Ask(form, state);
    }

    static Stage info(String note) {
        return new Done(NoteType.INFO, note, Optional.empty());
    }

    static Stage info(String note, Element result) {
        return new Done(NoteType.INFO, note, Optional.of(result));
    }

    static Stage error(String note) {
        return new Done(NoteType.ERROR, note, Optional.empty());
    }
}
