package dev.schematic.internal.datastream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The raw slices of a parsed message that flags are stored from: the same values JSON-P parsed, as sent. */
class RawJsonTest {
    static String q(String s) {
        return s.replace('\'', '"');
    }

    /** Each raw element, parsed again, equals the element of the parsed tree. */
    static void assertSameAsParsed(String text, String member) {
        JsonArray parsed = (JsonArray) Json.parseObject(text).get(member);
        List<String> raw = RawJson.elements(text, member);
        List<Object> reparsed = new ArrayList<>();
        for (String r : raw) {
            reparsed.add(Json.parse(r));
        }
        assertEquals(parsed, reparsed);
    }

    @Test
    void theElementsOfATopLevelArrayAsSent() {
        String text = q("{'entity_type':'rulesengine.Flags','data':[{'key':'a','rules':[{'v':[1,2]}]},"
                + "{'key':'b'}],'after':1}");
        assertEquals(List.of(q("{'key':'a','rules':[{'v':[1,2]}]}"), q("{'key':'b'}")), RawJson.elements(text, "data"));
        assertSameAsParsed(text, "data");
    }

    @Test
    void stringsWithBracketsQuotesAndEscapesDoNotEndAnElement() {
        String text = "{\"data\":[{\"key\":\"a]}\\\"{[\",\"x\":\"\\\\\"},{\"key\":\"\\u00e9\\n\"}]}";
        List<String> raw = RawJson.elements(text, "data");
        assertEquals(2, raw.size());
        assertEquals("{\"key\":\"a]}\\\"{[\",\"x\":\"\\\\\"}", raw.get(0));
        assertSameAsParsed(text, "data");
    }

    @Test
    void whitespaceNumbersAndLiteralsAnywhere() {
        String text = q(" {\n 'n' : -1.5e3 , 'data' : [ 1 , true,null , 'x' ,{ 'k' : false } , [ ] ] ,'z':null }\n");
        assertEquals(
                List.of("1", "true", "null", "\"x\"", q("{ 'k' : false }"), "[ ]"), RawJson.elements(text, "data"));
        assertSameAsParsed(text, "data");
        assertEquals(List.of(), RawJson.elements(q("{'data':[ ]}"), "data"));
    }

    @Test
    void aMemberAsSentAndTheLastOneWhenRepeatedAsJsonPKeepsIt() {
        String text = q("{'entity_type':'rulesengine.Flag','data':{'key':'a'},'x':[],'data':{'key':'b', 'y':1}}");
        assertEquals(q("{'key':'b', 'y':1}"), RawJson.member(text, "data"));
        assertEquals(Json.parseObject(text).get("data"), Json.parse(RawJson.member(text, "data")));
    }

    @Test
    void nullWhenTheMemberIsAbsentNotAnArrayOrSpelledWithEscapes() {
        assertNull(RawJson.elements(q("{'other':[1]}"), "data"));
        assertNull(RawJson.elements(q("{'data':{'k':1}}"), "data"));
        assertNull(RawJson.elements(q("{}"), "data"));
        assertNull(RawJson.elements("[1]", "data"));
        assertNull(
                RawJson.member("{\"d\\u0061ta\":{\"key\":\"a\"}}", "data"), "the caller serialises the parsed value");
        assertNull(
                RawJson.member("{\"data\":{\"key\":\"a\"},\"d\\u0061ta\":{\"key\":\"b\"}}", "data"),
                "JSON-P keeps the escaped one, the last: no slice");
        assertNull(RawJson.member(q("{'data':1"), "data"), "not the parsed text: no slice");
        // a key that only starts like the name
        assertNull(RawJson.member(q("{'database':1}"), "data"));
    }

    @Test
    void theStoredFlagIsTheSentTextAndEqualToTheParsedOne() {
        var store = dev.schematic.internal.store.HandOverEntityStore.deferred(100, 100, () -> {
            throw new IllegalStateException("not started here");
        });
        DataStreamCache cache = new DataStreamCache(
                store,
                new dev.schematic.internal.store.StoreKeys("v1"),
                java.time.Duration.ofHours(1),
                java.time.Duration.ofDays(30));
        List<Integer> loaded = new ArrayList<>();
        MessageProcessor p = new MessageProcessor(cache, new EntityWaiters(), (g, n) -> loaded.add(n));
        String flag = q("{ 'key' : 'a', 'default_value' : true, 'rules' : [ ] }");
        p.process(1, q("{'entity_type':'rulesengine.Flags','message_type':'full','data':[ ") + flag + " ]}");
        assertEquals(List.of(1), loaded);
        assertEquals(flag, cache.flag("a").json());
        JsonObject parsed = Json.parseObject(cache.flag("a").json());
        assertEquals(Json.parseObject(flag), parsed);
        String single = q("{'key':'b','default_value':false}");
        p.process(1, q("{'entity_type':'rulesengine.Flag','message_type':'full','data':") + single + "}");
        assertEquals(single, cache.flag("b").json());
    }
}
