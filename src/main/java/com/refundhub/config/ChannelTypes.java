package com.refundhub.config;

import java.util.List;
import java.util.Map;

/** The provider types a configuration may name, and what was wrong reading them (descriptor problems, SPEC §10). */
public interface ChannelTypes {

    Map<String, ? extends ChannelType> byName();

    /** One per problem of a descriptor file: {@code FILE:LINE FIELD: what is wrong}. */
    List<Problem> problems();
}
