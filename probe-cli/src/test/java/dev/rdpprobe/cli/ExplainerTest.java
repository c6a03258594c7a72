package dev.rdpprobe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.cli.Explainer.Kind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExplainerTest {
  private static List<Explainer.Item> explain(String... words) {
    List<String> notCodes = new ArrayList<>();
    List<Explainer.Item> items = Explainer.explain(List.of(words), notCodes);
    assertEquals(List.of(), notCodes);
    return items;
  }

  private static List<Kind> kinds(Explainer.Item item) {
    return item.readings().stream().map(Explainer.Reading::kind).toList();
  }

  @Test
  void twoNumbersStartingWithAnErrorCodeAreThePairOfTheDialog() {
    for (String[] words :
        new String[][] {{"0x904", "0x7"}, {"0x904/0x7"}, {"0x904,0x7"}, {"2308", "7"}}) {
      List<Explainer.Item> items = explain(words);
      assertEquals(1, items.size());
      Explainer.Reading r = items.get(0).readings().get(0);
      assertEquals(Kind.CLIENT_CODE, r.kind());
      assertEquals(0x904, r.discReason().value());
      assertEquals(7, r.extendedReason().value());
    }
    // 0x10A is no error code, so two numbers are two codes; an NTSTATUS is no extended code
    assertEquals(2, explain("0x10A", "0x7").size());
    assertEquals(2, explain("0x904", "0xC000006D").size());
  }

  @Test
  void aNumberIsReadInEveryTableThatKnowsItTheDialogsErrorCodeFirst() {
    assertEquals(
        List.of(Kind.DISC_REASON, Kind.EXTENDED_REASON, Kind.NEGOTIATION_FAILURE),
        kinds(explain("0x3").get(0)));
    assertEquals(List.of(Kind.DISC_REASON, Kind.EXTENDED_REASON), kinds(explain("0x104").get(0)));
    assertEquals(List.of(Kind.EXTENDED_REASON), kinds(explain("0x7").get(0)));
    assertEquals(List.of(Kind.NTSTATUS), kinds(explain("0xC000006D").get(0)));
    // an NTSTATUS the table does not name is still read by its severity
    Explainer.Item unnamed = explain("0xC0001234").get(0);
    assertEquals(List.of(Kind.NTSTATUS), kinds(unnamed));
    assertEquals(false, unnamed.readings().get(0).known());
    // a negative decimal, as some logs print an NTSTATUS
    assertEquals(List.of(Kind.NTSTATUS), kinds(explain("-1073741715").get(0)));
    assertTrue(explain("0x9999").get(0).readings().isEmpty());
  }

  @Test
  void aNameIsReadInItsOwnTable() {
    assertEquals(List.of(Kind.NTSTATUS), kinds(explain("status_logon_failure").get(0)));
    assertEquals(List.of(Kind.DISC_REASON, Kind.NTSTATUS), kinds(explain("LOGON_FAILURE").get(0)));
    assertEquals(List.of(Kind.EXTENDED_REASON), kinds(explain("ERRINFO_IDLE_TIMEOUT").get(0)));
    assertEquals(List.of(Kind.EXTENDED_REASON), kinds(explain("IDLE_TIMEOUT").get(0)));
    assertEquals(
        List.of(Kind.EXTENDED_REASON), kinds(explain("exDiscReasonServerDeniedConnection").get(0)));
    assertEquals(List.of(Kind.DISC_REASON), kinds(explain("SSL_ERR_LOGON_FAILURE").get(0)));
    assertEquals(
        List.of(Kind.NEGOTIATION_FAILURE), kinds(explain("HYBRID_REQUIRED_BY_SERVER").get(0)));
  }

  @Test
  void aWordThatIsNoCodeIsReportedAndTheOthersAreStillExplained() {
    List<String> notCodes = new ArrayList<>();
    List<Explainer.Item> items =
        Explainer.explain(List.of("0x904", "hello", "0xZZ", "0x904/x"), notCodes);
    assertEquals(1, items.size());
    assertEquals(3, notCodes.size(), notCodes.toString());
    assertTrue(notCodes.get(0).startsWith("'hello' is not a code. Give"), notCodes.toString());
    List<String> typo = new ArrayList<>();
    Explainer.explain(List.of("STATUS_LOGON_FAILUR"), typo);
    assertTrue(
        typo.get(0)
            .startsWith("'STATUS_LOGON_FAILUR' is not a code; did you mean STATUS_LOGON_FAILURE?"),
        typo.toString());
  }
}
