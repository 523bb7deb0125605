package com.refundhub.ledger;

import com.refundhub.core.Availability;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A connection to the ledger's database used by code other than the ledger's own (Quartz's clustered job store), whose
 * failures still count: one that means the database is gone marks the ledger unavailable before that code sees it (and
 * logs it: its loggers are quiet from then on), so the outage is said once, by the hub. Statements and result sets it
 * hands out report the same way.
 */
final class OutageReporting implements InvocationHandler {
    private final Object target;
    private final Availability ledger;

    private OutageReporting(Object target, Availability ledger) {
        this.target = target;
        this.ledger = ledger;
    }

    static Connection wrap(Connection c, Availability ledger) {
        return (Connection) wrap(c, Connection.class, ledger);
    }

    private static Object wrap(Object target, Class<?> type, Availability ledger) {
        return Proxy.newProxyInstance(OutageReporting.class.getClassLoader(), new Class<?>[] {type},
                new OutageReporting(target, ledger));
    }

    @Override
    public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args) throws Throwable {
        Object result;
        try {
            result = method.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable failure = e.getCause();
            if (failure instanceof SQLException && Outages.of(failure) != null) {
                ledger.markDown(Availability.reason(failure));
            }
            throw failure;
        }
        Class<?> type = method.getReturnType();
        if (result != null && type.isInterface() && (Statement.class.isAssignableFrom(type) || type == ResultSet.class)) {
            return wrap(result, type, ledger);
        }
        return result;
    }
}
