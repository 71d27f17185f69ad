package io.missive.it;

import io.missive.it.client.Browser;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat page, /js/missive.js and the admin console in a real browser (headless Chromium over
 * https and wss, as a user would have them). The steps build on each other (two users chat, an
 * admin kicks one, history is read back), so they run in order on the same browsers; screenshots go
 * to target/screenshots/.
 */
@ExtendWith(ArquillianExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserIT {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** Messages in the group before anyone opens the page: more than one history page of the chat page (30). */
    private static final int EARLIER_MESSAGES = 35;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return MissiveDeployment.war();
    }

    // set in @BeforeAll: with one instance per class, the constructor runs before Arquillian starts the server
    private MissiveServer server;
    private Api api;
    private Api.User alice;
    private Api.User bob;
    private Api.User carol;
    private Api.User admin;
    private String groupName;
    private long group;
    private Browser alicePage;
    private Browser bobPage;
    private Browser consolePage;

    @BeforeAll
    void usersAGroupAndItsEarlierMessages() throws Exception {
        server = MissiveServer.get();
        api = new Api();
        alice = api.newUser("alice");
        bob = api.newUser("bob");
        admin = api.newAdmin("admin");
        carol = api.newUser("carol");
        groupName = Api.unique("team");
        group = api.newGroup(groupName, alice, bob);
        for (int i = 1; i <= EARLIER_MESSAGES; i++) {
            api.call("POST", "api/messages", "{\"group\":" + group + ",\"payload\":\"earlier " + String.format("%02d", i)
                    + "\"}", Api.apiKey()).isStatus(200);
        }
        alicePage = Browser.open("alice's page");
        bobPage = Browser.open("bob's page");
        consolePage = Browser.open("admin console");
    }

    @AfterAll
    void closeBrowsers() {
        for (Browser b : new Browser[]{alicePage, bobPage, consolePage}) {
            if (b != null) {
                b.close();
            }
        }
    }

    @Test
    @Order(1)
    void theLibrarysCodecWritesAndReadsTheProtocolPagesExamples() throws IOException {
        assertThat(unitTestFailures("missive-codec-test.js", "codecTests")).as("codec test failures in the browser").isEmpty();
    }

    @Test
    @Order(1)
    void theLibraryAcknowledgesDeduplicatesReconnectsAndStopsAfterAKickAgainstAScriptedServer() throws IOException {
        assertThat(unitTestFailures("missive-client-test.js", "clientTests")).as("client test failures in the browser").isEmpty();
    }

    /**
     * Runs a unit test of /js/missive.js from src/test/resources/browser/ in the page: its function
     * takes the module and answers the list of its failures.
     */
    private List<?> unitTestFailures(String file, String function) throws IOException {
        alicePage.get(server.httpsUri("/"));
        String tests;
        try (var in = BrowserIT.class.getResourceAsStream("/browser/" + file)) {
            tests = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Object failures = alicePage.executeAsync(tests + """
                const done = arguments[arguments.length - 1];
                import('/js/missive.js').then(%s).then(done, (e) => done(['threw: ' + e.stack]));
                """.formatted(function));
        assertThat(failures).as(file + " answered").isInstanceOf(List.class);
        return (List<?>) failures;
    }

    @Test
    @Order(2)
    void twoUsersChatOverWssOneToOneAndInAGroup() throws IOException {
        logIn(alicePage, alice);
        logIn(bobPage, bob);

        alicePage.type("#new-peer input[name=uid]", Long.toString(bob.uid()));
        alicePage.click("#new-peer button");
        send(alicePage, "hello bob");
        open(bobPage, "u:" + alice.uid());
        bobPage.waitForText("#messages", "hello bob");
        send(bobPage, "hello alice");
        alicePage.waitForText("#messages", "hello alice");

        open(alicePage, "g:" + group);
        alicePage.waitForText("#messages", "earlier 35");
        send(alicePage, "hello group");
        open(bobPage, "g:" + group);
        bobPage.waitForText("#messages", "hello group");
        send(bobPage, "group reply");
        alicePage.waitForText("#messages", "group reply");

        alicePage.screenshot(SCREENSHOTS, "chat-alice.png");
        bobPage.screenshot(SCREENSHOTS, "chat-bob.png");
    }

    @Test
    @Order(3)
    void theConsoleShowsBothClientsAndKicksOneWhosePageSaysSoAndStaysDisconnected() throws Exception {
        consolePage.get(server.httpsUri("/admin"));
        assertThat(consolePage.find("#console").isDisplayed()).as("the console before login").isFalse();
        logInToConsole(admin);
        consolePage.waitForText("#tiles", "connections");
        // a few polls with traffic, so that both charts have a line
        for (int i = 0; i < 6; i++) {
            send(bobPage, "traffic " + i);
            Thread.sleep(1_500);
        }
        consolePage.waitForText("#legend-rate", "in:");
        consolePage.screenshot(SCREENSHOTS, "admin-dashboard.png");

        consolePage.click("[data-tab=clients]");
        consolePage.waitForText("#clients-table", alice.name());
        consolePage.waitForText("#clients-table", bob.name());
        consolePage.screenshot(SCREENSHOTS, "admin-clients.png");

        row(consolePage, "#clients-table tbody tr", alice.name()).findElement(org.openqa.selenium.By.cssSelector("button.kick")).click();
        consolePage.acceptDialog();
        alicePage.waitForText("#connection", "disconnected: removed by an administrator");
        consolePage.waitUntil("alice gone from the client list", () -> !consolePage.text("#clients-table").contains(alice.name()));
        assertThat(consolePage.text("#clients-table")).contains(bob.name());
        alicePage.screenshot(SCREENSHOTS, "chat-kicked.png");

        // longer than the library's first reconnect delay (at most 1 s): a kicked page does not come back
        Thread.sleep(4_000);
        assertThat(alicePage.find("#connection").getAttribute("data-state")).as(alicePage.describe()).isEqualTo("disconnected");
        assertThat(alicePage.text("#connection")).isEqualTo("disconnected: removed by an administrator");
        assertThat(bobPage.text("#connection")).isEqualTo("connected");
    }

    @Test
    @Order(4)
    void aNewPageReadsTheGroupsHistoryPagedBackwards() throws IOException {
        alicePage.get(server.httpsUri("/"));
        logIn(alicePage, alice);
        open(alicePage, "g:" + group);
        alicePage.waitForText("#messages", "group reply");
        String firstPage = alicePage.text("#messages");
        assertThat(firstPage).contains("hello group", "traffic 5").doesNotContain("earlier 01");
        alicePage.click("#older");
        alicePage.waitForText("#messages", "earlier 01");

        alicePage.type("#new-peer input[name=uid]", Long.toString(bob.uid()));
        alicePage.click("#new-peer button");
        alicePage.waitForText("#messages", "hello alice");
        assertThat(alicePage.text("#messages")).contains("hello bob");
        alicePage.screenshot(SCREENSHOTS, "chat-history.png");
    }

    @Test
    @Order(5)
    void theConsoleFindsUsersAndGroupsDisablesAUserAndInjectsAMessage() throws IOException {
        consolePage.click("[data-tab=users]");
        consolePage.type("#users-filter input[name=q]", carol.name());
        consolePage.click("#users-filter button");
        consolePage.waitUntil("only carol listed", () -> consolePage.findAll("#users-table tbody tr").size() == 1
                && consolePage.text("#users-table tbody").contains(carol.name()));
        consolePage.click("#users-table tbody tr button.danger");
        consolePage.waitForText("#users-table tbody", "disabled");
        api.call("POST", "api/auth/login", "{\"username\":\"" + carol.name() + "\",\"password\":\"" + Api.PASSWORD + "\"}",
                null).isError(403, "forbidden");

        consolePage.click("[data-tab=groups]");
        consolePage.type("#groups-filter input[name=q]", groupName);
        consolePage.click("#groups-filter button");
        consolePage.waitUntil("only the group listed", () -> consolePage.findAll("#groups-table tbody tr").size() == 1
                && consolePage.text("#groups-table tbody").contains(groupName));
        consolePage.click("#groups-table tbody tr button");
        consolePage.waitForText("#group-members", alice.uid() + ", " + bob.uid());

        consolePage.click("[data-tab=send]");
        consolePage.type("#send input[name=id]", Long.toString(bob.uid()));
        consolePage.type("#send textarea[name=payload]", "from the console");
        consolePage.type("#send input[name=ttlSeconds]", "600");
        consolePage.click("#send button");
        consolePage.waitForText("#send-result", "Stored as");
        open(bobPage, "u:1");
        bobPage.waitForText("#messages", "from the console");
        assertThat(bobPage.text("#messages")).contains("system");
    }

    @Test
    @Order(6)
    void theConsoleRefusesAUserWhoIsNotAnAdmin() throws IOException {
        consolePage.click("#logout");
        logInToConsole(bob);
        consolePage.waitForText("#login-error", bob.name() + " is not an admin.");
        assertThat(consolePage.find("#console").isDisplayed()).isFalse();
        consolePage.screenshot(SCREENSHOTS, "admin-refused.png");
    }

    private void logIn(Browser page, Api.User user) {
        page.get(server.httpsUri("/"));
        page.type("#login input[name=username]", user.name());
        page.type("#login input[name=password]", Api.PASSWORD);
        page.click("#login button");
        page.waitUntil(user.name() + " connected", () -> "connected".equals(page.text("#connection")));
    }

    private void logInToConsole(Api.User user) {
        consolePage.type("#login input[name=username]", user.name());
        consolePage.type("#login input[name=password]", Api.PASSWORD);
        consolePage.click("#login button");
    }

    private static void open(Browser page, String conversationKey) {
        String css = "#conversation-list li[data-key='" + conversationKey + "']";
        page.waitUntil("conversation " + conversationKey + " listed", () -> !page.findAll(css).isEmpty());
        page.click(css);
    }

    /** Sends a message from the open conversation and waits for the server's acknowledgement. */
    private static void send(Browser page, String text) {
        page.type("#composer input[name=text]", text);
        page.click("#composer button");
        page.waitUntil("'" + text + "' acknowledged", () -> page.findAll("#messages li.mine").stream()
                .anyMatch(li -> li.getText().contains(text) && !li.getText().contains("sending")));
        assertThat(page.text("#messages")).as(page.describe()).doesNotContain("not sent");
    }

    private static WebElement row(Browser page, String rows, String containing) {
        return page.findAll(rows).stream().filter(r -> r.getText().contains(containing)).findFirst()
                .orElseThrow(() -> new AssertionError("no row with " + containing + "\n" + page.describe()));
    }
}
