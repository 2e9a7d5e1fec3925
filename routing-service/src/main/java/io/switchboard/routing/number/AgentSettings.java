package io.switchboard.routing.number;

/** Optional per-number agent configuration, handed to the agent in the dispatch metadata. */
record AgentSettings(String sttProvider, String sttModel, String ttsProvider, String ttsModel, String ttsVoice,
                     String llmProvider, String llmModel) {

    static final AgentSettings NONE = new AgentSettings(null, null, null, null, null, null, null);

    boolean isEmpty() {
        return equals(NONE);
    }
}
