-- Up Migration

-- Mind's Eye shows a person the tool calls of their own answers only
-- (subgraphs/assistant, mindsEyeHistory): their latest answers, found
-- without walking everyone's.
CREATE INDEX assistant_messages_answers ON assistant_messages (owner, id) WHERE role = 'assistant';

-- Down Migration

DROP INDEX IF EXISTS assistant_messages_answers;
