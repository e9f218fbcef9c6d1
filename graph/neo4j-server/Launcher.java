import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.kernel.internal.Version;

/**
 * Runs a Neo4j Community DBMS with only Bolt on 127.0.0.1. Usage: java -cp 'launcher.jar:lib/*' Launcher HOME PORT [PAGE_CACHE_MIB]
 * Prints "READY <port> <version>" once the default database answers, "ERROR <reason>" on failure,
 * and shuts down cleanly on SIGTERM (the shutdown hook).
 */
public class Launcher {
  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.out.println("ERROR usage: Launcher HOME PORT");
      System.exit(2);
    }
    Path home = Path.of(args[0]).toAbsolutePath();
    int port = Integer.parseInt(args[1]);
    long pageCacheMiB = args.length > 2 ? Long.parseLong(args[2]) : 256;
    Files.createDirectories(home);
    DatabaseManagementService dbms;
    try {
      dbms = new DatabaseManagementServiceBuilder(home)
          .setConfig(BoltConnector.enabled, true)
          .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
          .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
          .setConfig(HttpConnector.enabled, false)
          .setConfig(HttpsConnector.enabled, false)
          // Loopback-only developer instance: no auth, so the driver's credentials are ignored.
          .setConfig(GraphDatabaseSettings.auth_enabled, false)
          .setConfig(GraphDatabaseSettings.pagecache_memory, pageCacheMiB * 1024L * 1024L)
          .setConfig(GraphDatabaseSettings.check_point_interval_time, java.time.Duration.ofMinutes(5))
          // Transaction logs serve crash recovery here (no cluster; `matscout backup` reads the graph
          // itself), and recovery needs only those after the last checkpoint. Neo4j's default keeps every
          // log of the last two days: about 160 KB a grant, as much again as the store, through a backfill.
          .setConfig(GraphDatabaseSettings.keep_logical_logs, "512M size")
          // Bolt's shutdown otherwise waits 5 s for its connections and 5 s for its threads, even with
          // none left: 10 of every stop's 10.5 s. Transactions still end first (the databases stop
          // before Bolt), so nothing committed is at stake.
          .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, java.time.Duration.ZERO)
          .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, java.time.Duration.ZERO)
          .build();
    } catch (Throwable error) {
      System.out.println("ERROR " + rootMessage(error));
      System.out.flush();
      System.exit(3);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("STOPPING");
      System.out.flush();
      dbms.shutdown();
      stopped.countDown();
    }));
    try {
      GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
      GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
      long deadline = System.currentTimeMillis() + 120_000;
      // A corrupt store leaves the database offline with a status message: report it at once
      // instead of waiting out the timeout.
      while (!db.isAvailable(500)) {
        String failure = system.executeTransactionally(
            "SHOW DATABASE neo4j YIELD currentStatus, statusMessage RETURN currentStatus, statusMessage",
            java.util.Map.of(),
            result -> {
              if (!result.hasNext()) return null;
              var row = result.next();
              String status = String.valueOf(row.get("currentStatus"));
              String message = String.valueOf(row.get("statusMessage"));
              return ("offline".equals(status) || "quarantined".equals(status)) && !message.isBlank() ? message : null;
            });
        if (failure != null) throw new IllegalStateException("the database failed to start: " + failure);
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("database did not become available within 120 s (see " + home.resolve("logs") + ")");
        }
      }
      db.executeTransactionally("RETURN 1");
    } catch (Throwable error) {
      System.out.println("ERROR " + rootMessage(error));
      System.out.flush();
      System.exit(4);
      return;
    }
    System.out.println("READY " + port + " " + Version.getNeo4jVersion());
    System.out.flush();
    stopped.await();
  }

  private static String rootMessage(Throwable error) {
    Throwable cursor = error;
    StringBuilder text = new StringBuilder(String.valueOf(error.getMessage()));
    while (cursor.getCause() != null && cursor.getCause() != cursor) {
      cursor = cursor.getCause();
      text.append(" | caused by: ").append(cursor.getMessage());
    }
    return text.toString().replace('\n', ' ');
  }
}
