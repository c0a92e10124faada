package se.bredvid.platform;

import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;

import java.sql.Connection;

/**
 * Runs an action once the current transaction has committed, or at once when there is none. Wake-ups
 * (to sockets and to other instances) must never precede the commit of what they announce: a device
 * that reads too early finds nothing, and nothing would wake it again. A rolled-back transaction wakes
 * nobody.
 */
@Singleton
public class AfterCommit {

    private final TransactionOperations<Connection> transactions;

    AfterCommit(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    public void run(Runnable action) {
        var status = transactions.findTransactionStatus();
        if (status.isEmpty() || status.get().isCompleted()) {
            action.run();
            return;
        }
        status.get().registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }
}
