/** Named, parameterised Cypher run by Neo4jConversationStore. */

export const createConversation = `
MERGE (c:Conversation {id: $row.id})
ON CREATE SET c = $row
RETURN properties(c) AS conversation`;

export const getConversation = `
MATCH (c:Conversation {id: $id})
RETURN properties(c) AS conversation`;

/** Numbers the new messages after the existing ones, under the conversation's write lock; owner only. */
export const appendMessages = `
MATCH (c:Conversation {id: $conversationId})
WHERE NOT $checkOwner OR coalesce(c.ownerKeyId, '') = coalesce($ownerKeyId, '')
SET c.updatedAt = $now
WITH c
OPTIONAL MATCH (c)-[:HAS_MESSAGE]->(old:Message)
WITH c, count(old) AS base
UNWIND range(0, size($rows) - 1) AS i
WITH c, base + i AS index, $rows[i] AS row
CREATE (m:Message)
SET m = row, m.index = index, m.conversationId = c.id
CREATE (c)-[:HAS_MESSAGE]->(m)
RETURN properties(m) AS message
ORDER BY m.index`;

export const listMessages = `
MATCH (:Conversation {id: $conversationId})-[:HAS_MESSAGE]->(m:Message)
WITH m ORDER BY m.index DESC LIMIT $limit
RETURN properties(m) AS message
ORDER BY m.index`;
