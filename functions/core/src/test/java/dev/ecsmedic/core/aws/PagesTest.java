package dev.ecsmedic.core.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PagesTest {

    @Test
    void eachCallCarriesThePreviousTokenUntilNoneOrAnEmptyOneIsAnswered() {
        for (String last : Arrays.asList(null, "")) {
            List<String> sent = new ArrayList<>();
            List<String> pages = new ArrayList<>();
            Pages.each(token -> {
                sent.add(String.valueOf(token));
                return token == null ? "a" : token.equals("a") ? "b" : "c";
            }, page -> page.equals("c") ? last : page, pages::add);

            assertEquals(List.of("null", "a", "b"), sent);
            assertEquals(List.of("a", "b", "c"), pages);
        }
    }
}
