package org.oscartransport.gateway.adhoc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;

/** XEP-0004 data forms ({@code jabber:x:data}) as dom4j elements: building the ones we send, reading answers. */
final class DataForms {

    static final String NAMESPACE = "jabber:x:data";

    private DataForms() {}

    /** A form for the user to fill in (type {@code form}). */
    static Element form(String title, String instructions) {
        Element x = DocumentHelper.createElement(QName.get("x", NAMESPACE));
        x.addAttribute("type", "form");
        x.addElement("title").setText(title);
        if (instructions != null) {
            x.addElement("instructions").setText(instructions);
        }
        return x;
    }

    /** A form that only shows data (type {@code result}). */
    static Element result(String title) {
        Element x = DocumentHelper.createElement(QName.get("x", NAMESPACE));
        x.addAttribute("type", "result");
        x.addElement("title").setText(title);
        return x;
    }

    /**
     * Adds a field.
     *
     * @param type a XEP-0004 field type: text-single, text-multi, boolean, list-single, jid-multi, fixed...
     */
    static Element field(Element x, String var, String type, String label, List<String> values) {
        Element field = x.addElement("field");
        if (var != null) {
            field.addAttribute("var", var);
        }
        field.addAttribute("type", type);
        if (label != null) {
            field.addAttribute("label", label);
        }
        values.forEach(v -> field.addElement("value").setText(v));
        return field;
    }

    static void option(Element field, String value, String label) {
        Element option = field.addElement("option");
        option.addAttribute("label", label);
        option.addElement("value").setText(value);
    }

    /** The values of every field of the submitted form in {@code command}, by var; empty without a form. */
    static Map<String, List<String>> submitted(Element command) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        Element x = command.element(QName.get("x", NAMESPACE));
        if (x == null || "cancel".equals(x.attributeValue("type"))) {
            return values;
        }
        for (Element field : x.elements("field")) {
            String var = field.attributeValue("var");
            if (var != null) {
                values.put(var, field.elements("value").stream().map(Element::getText).toList());
            }
        }
        return values;
    }

    static Optional<String> single(Map<String, List<String>> values, String var) {
        List<String> list = values.getOrDefault(var, List.of());
        return list.isEmpty() ? Optional.empty() : Optional.of(list.get(0).trim());
    }

    /** XEP-0004 booleans: "1"/"true" or "0"/"false". */
    static Optional<Boolean> bool(Map<String, List<String>> values, String var) {
        return single(values, var).map(v -> v.equals("1") || v.equalsIgnoreCase("true"));
    }
}
